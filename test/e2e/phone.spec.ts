import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessibleAtRest, readHeaderDecisions, expectHeaderDecisions } from './fixtures';


/** The certifications list on a fast sandbox; the sandbox's first start gets room on a loaded machine. */
async function openList(page: Page) {
  await page.goto('/certifications?sandboxLatency=0');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 90_000 });
}

/**
 * Reviewing on a phone (390 × 844): Morgan Reyes opens a certification, decides items from their cards,
 * opens an item's details, selects cards, and never needs to scroll sideways.
 */

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const MANAGER_REVIEW = /Manager Review: Morgan Reyes/;

function cardList(page: Page) {
  return page.getByRole('list', { name: 'Access review items' });
}

/** The page is no wider than the screen. */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width of ${what}`).toBeLessThanOrEqual(390);
}

/** A card's name is "<access> for <identity>", the name its buttons carry too. */
async function cardName(card: Locator): Promise<string> {
  return (await card.getAttribute('aria-label'))!;
}

test('a reviewer decides from cards on a phone, opens details, selects, with no sideways scroll', async ({ page }) => {
  // A long journey with five axe runs, on a shared 2-core machine.
  test.setTimeout(300_000);
  await openList(page);
  await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link', { name: MANAGER_REVIEW }).click();
  await expect(page.getByRole('heading', { level: 1, name: MANAGER_REVIEW })).toBeVisible();

  // Cards, not the squeezed desktop table.
  await expect(cardList(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('grid', { name: 'Access review items' })).toHaveCount(0);
  await expectNoSidewaysScroll(page, 'the workspace');
  await expectAccessibleAtRest(page, 'the workspace at 390 px');

  // The header keeps the due date and the decisions; the rest folds away until asked for.
  const facts = page.getByRole('main').locator('dl').first();
  await expect(facts.getByText('Campaign', { exact: true })).toBeHidden();
  const more = page.getByRole('button', { name: 'More about this certification' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(facts.getByText('Campaign', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Less about this certification' }).click();
  await expect(facts.getByText('Campaign', { exact: true })).toBeHidden();

  // Only what is left to decide.
  await page.getByRole('button', { name: 'Undecided', exact: true }).click();
  await expect(page.getByText(/^Showing [\d,]+ of [\d,]+ items$/)).toBeVisible();
  const before = await readHeaderDecisions(page);
  const cards = cardList(page).getByRole('listitem');
  await expect(cards.first()).toBeVisible();
  const names = await Promise.all([0, 1, 2].map((i) => cardName(cards.nth(i))));

  // Two approvals straight from their cards, thumb-reachable buttons within the screen.
  for (const name of names.slice(0, 2)) {
    const card = cardList(page).getByRole('listitem', { name, exact: true });
    const approve = card.getByRole('button', { name: `Approve ${name}`, exact: true });
    await approve.scrollIntoViewIfNeeded();
    const box = (await approve.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await approve.tap();
    await expect(card.getByText('Approved', { exact: true })).toBeVisible();
  }

  // A revocation asks for the comment the campaign requires, in a dialog that fits the screen.
  const revoked = names[2]!;
  await cardList(page).getByRole('listitem', { name: revoked, exact: true }).getByRole('button', { name: `Revoke ${revoked}`, exact: true }).tap();
  const dialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
  await expect(dialog).toBeVisible();
  const dialogBox = (await dialog.boundingBox())!;
  expect(dialogBox.x).toBeGreaterThanOrEqual(0);
  expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(390);
  await expectAccessibleAtRest(page, 'the revoke dialog at 390 px');
  await dialog.getByRole('textbox', { name: 'Comment' }).fill('Left the team in October.');
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).tap();
  await expect(dialog).toBeHidden();
  await expect(cardList(page).getByRole('listitem', { name: revoked, exact: true }).getByText('Revoked', { exact: true })).toBeVisible();

  // The tenant counts all three.
  await expectHeaderDecisions(page, before.made + 3, before.total);
  const audit = await page.evaluate(() => window.attestSandbox!.audit());
  const decided = new Map(audit.slice(-3).map((entry) => [entry.decision, entry]));
  expect([...decided.keys()].sort()).toEqual(['APPROVE', 'REVOKE']);

  // Details of a card: the drawer covers the screen and closes back to the cards.
  const next = cards.nth(3);
  const nextName = await cardName(next);
  await next.getByRole('button', { name: `Details ${nextName}`, exact: true }).tap();
  const details = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Close details' }) });
  await expect(details).toBeVisible();
  await expect(details).toContainText(nextName.replace(/ for .*$/, ''));
  const detailsBox = (await details.boundingBox())!;
  expect(detailsBox.x + detailsBox.width).toBeLessThanOrEqual(390);
  await expectNoSidewaysScroll(page, 'the details');
  await expectAccessibleAtRest(page, 'the details at 390 px');
  await details.getByRole('button', { name: 'Close details' }).tap();
  await expect(details).toBeHidden();

  // Selecting cards: the selection bar names the count and offers the bulk actions.
  for (const i of [4, 5]) {
    const card = cards.nth(i);
    await card.getByRole('checkbox', { name: `Select ${await cardName(card)}` }).check();
  }
  const bar = page.getByRole('region', { name: 'Selected items' });
  await expect(bar).toContainText('2 selected');
  await expect(bar.getByRole('button', { name: 'Approve selected (2)' })).toBeInViewport();
  await expectNoSidewaysScroll(page, 'the workspace with a selection');
  await expectAccessibleAtRest(page, 'the workspace with a selection at 390 px');
  await bar.getByRole('button', { name: 'Clear' }).tap();
  await expect(bar).toBeHidden();

  // Paging works from the cards too.
  await page.getByRole('button', { name: 'Go to next page' }).tap();
  await expect(page.getByText(/^26–/)).toBeVisible();
  await expectNoSidewaysScroll(page, 'the second page');

  // The persona menu fits the screen.
  await page.getByRole('button', { name: /Acting as:/ }).tap();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const menuBox = (await menu.boundingBox())!;
  expect(menuBox.x).toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(390);
  await page.keyboard.press('Escape');
});
