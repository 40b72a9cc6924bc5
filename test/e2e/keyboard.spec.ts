import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleAtRest, expectHeaderDecisions, openApp, readHeaderDecisions } from './fixtures';

/**
 * A review done with the keyboard alone: once the workspace has loaded, every step is a key press
 * (page.keyboard); nothing is clicked. Focus must stay visible and in the grid after each decision, and
 * come back to the grid when a dialog or the details drawer closes.
 */

interface Focus {
  /** The element with focus is inside the item grid. */
  inGrid: boolean;
  onBody: boolean;
  /** The focused cell's (or header cell's) outline, e.g. "solid 2px". */
  outline: string | null;
  /** The focused row's item id and name ("<access> for <identity>"), when focus is on a data row. */
  rowId: string | null;
  rowName: string | null;
  field: string | null;
}

function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const active = document.activeElement;
    const grid = active?.closest('[role="grid"]');
    const cell = active?.closest('[role="gridcell"], [role="columnheader"]');
    const row = active?.closest('[role="row"][data-id]');
    const style = cell ? getComputedStyle(cell) : null;
    return {
      inGrid: grid?.getAttribute('aria-label') === 'Access review items',
      onBody: active === document.body || active === null,
      outline: style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? `${style.outlineStyle} ${style.outlineWidth}` : null,
      rowId: row?.getAttribute('data-id') ?? null,
      rowName: row?.querySelector('[aria-label^="Details "]')?.getAttribute('aria-label')?.replace(/^Details /, '') ?? null,
      field: cell?.getAttribute('data-field') ?? null,
    };
  });
}

/** Focus is on a data row of the grid, with a visible outline; answers that row. */
async function expectFocusOnRow(page: Page): Promise<Focus> {
  await expect.poll(async () => {
    const f = await focus(page);
    return f.inGrid && !f.onBody && f.outline !== null && f.rowId !== null;
  }, { message: 'focus is on a grid row, visibly' }).toBe(true);
  return focus(page);
}

/** The Decision cell of an item's row, by the row's item id (CSS, so it is found under an open dialog too). */
function decisionCell(page: Page, rowId: string) {
  return page.locator(`[role="grid"][aria-label="Access review items"] [role="row"][data-id="${rowId}"] [data-field="decision"]`);
}

test('a reviewer works through items with the keyboard alone', async ({ page }) => {
  // Find the manager's review (the API, not the mouse), then load it: from here on, keys only.
  await openApp(page, '/certifications?sandboxLatency=0');
  const id = await page.evaluate(async () => {
    const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
    const response = await fetch('/v3/certifications?reviewer-identity=me&filters=phase%20eq%20%22ACTIVE%22', { headers: { Authorization: `Bearer ${session.accessToken}` } });
    const certifications = (await response.json()) as { id: string; name: string }[];
    return certifications.find((c) => /Manager Review: Morgan Reyes/.test(c.name))!.id;
  });
  await page.goto(`/certifications/${id}`);
  const grid = page.getByRole('grid', { name: 'Access review items' });
  await expect(grid.getByRole('row').nth(2)).toBeVisible({ timeout: 30_000 });
  const before = await readHeaderDecisions(page);

  // Tab to the grid.
  let presses = 0;
  while (!(await focus(page)).inGrid) {
    expect(++presses, 'Tab reaches the grid').toBeLessThan(40);
    await page.keyboard.press('Tab');
    expect((await focus(page)).onBody, 'Tab never drops focus onto the page').toBe(false);
  }
  expect((await focus(page)).outline, 'the focused header cell is outlined').not.toBeNull();

  // Into the rows, off the checkbox column, then down and up with j/k and the arrows.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  const first = await expectFocusOnRow(page);
  await page.keyboard.press('j');
  const second = await expectFocusOnRow(page);
  expect(second.rowId).not.toBe(first.rowId);
  await page.keyboard.press('ArrowDown');
  const third = await expectFocusOnRow(page);
  expect(third.rowId).not.toBe(second.rowId);
  await page.keyboard.press('k');
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);
  await page.keyboard.press('ArrowUp');
  expect((await expectFocusOnRow(page)).rowId).toBe(first.rowId);

  // `a` approves the focused row; focus stays on it.
  await expect(decisionCell(page, first.rowId!)).toHaveText('Undecided');
  await page.keyboard.press('a');
  await expect(decisionCell(page, first.rowId!)).toHaveText('Approved', { timeout: 20_000 });
  expect((await expectFocusOnRow(page)).rowId).toBe(first.rowId);
  await expectHeaderDecisions(page, before.made + 1, before.total);

  // `r` revokes the next one: the campaign wants a comment, typed straight away, sent with Ctrl+Enter.
  await page.keyboard.press('j');
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);
  await page.keyboard.press('r');
  const revoke = page.getByRole('dialog', { name: 'Revoke 1 item' });
  await expect(revoke).toBeVisible();
  await expect(revoke.getByRole('textbox', { name: 'Comment' })).toBeFocused();
  await page.keyboard.type('No longer on the team that needs this.');
  await page.keyboard.press('Control+Enter');
  await expect(revoke).toBeHidden();
  expect((await expectFocusOnRow(page)).rowId, 'focus returns to the revoked row').toBe(second.rowId);
  await expect(decisionCell(page, second.rowId!)).toHaveText('Revoked', { timeout: 20_000 });
  await expectHeaderDecisions(page, before.made + 2, before.total);
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);

  // `d` and Enter open the details; Escape closes them and focus is back on the row.
  await page.keyboard.press('d');
  const details = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Close details' }) });
  await expect(details).toBeVisible();
  await expect(details).toContainText(second.rowName!.replace(/ for .*$/, ''));
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);
  await page.keyboard.press('Enter');
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);

  // `x` selects the focused row, and again unselects it.
  await page.keyboard.press('x');
  const selected = page.getByRole('region', { name: 'Selected items' });
  await expect(selected).toContainText('1 selected');
  await expect(grid.getByRole('row').filter({ has: page.getByRole('button', { name: `Details ${second.rowName}`, exact: true }) }).getByRole('checkbox', { name: 'Select row' })).toBeChecked();
  expect((await expectFocusOnRow(page)).rowId).toBe(second.rowId);
  await page.keyboard.press('x');
  await expect(selected).toBeHidden();

  // Approve the next row and take it back at once with Ctrl+Z.
  await page.keyboard.press('j');
  expect((await expectFocusOnRow(page)).rowId).toBe(third.rowId);
  await page.keyboard.press('a');
  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undid 1 decision.')).toBeVisible();
  await expect(decisionCell(page, third.rowId!)).toHaveText('Undecided');
  expect((await expectFocusOnRow(page)).rowId).toBe(third.rowId);

  // `?` shows the shortcuts; Escape returns to the grid.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts.getByRole('table', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(shortcuts.getByRole('row', { name: /Undo the last decision/ })).toBeVisible();
  await expectAccessibleAtRest(page, 'keyboard shortcuts dialog');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toBeHidden();
  expect((await expectFocusOnRow(page)).rowId).toBe(third.rowId);

  // Nothing undone reached the tenant: two decisions, as the header says.
  await page.waitForTimeout(1_000);
  await expectHeaderDecisions(page, before.made + 2, before.total);
});
