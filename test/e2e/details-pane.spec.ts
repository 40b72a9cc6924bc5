import { expect, test, type Page } from '@playwright/test';
import { certificationIdOf, expectAccessibleAtRest, openCertification } from './fixtures';

/**
 * A careful reviewer works in the details pane: opens an item from the grid, decides it with a key, moves
 * to the next with j (and back with k) without closing, revokes with the comment the campaign requires, and
 * the grid rows show every decision; a reload keeps them (the tenant has them).
 */

const pane = (page: Page) => page.getByRole('dialog').filter({ has: page.getByRole('region', { name: 'Decision' }) });
const paneHeading = (page: Page) => pane(page).getByRole('heading', { level: 2 });
const paneDecision = (page: Page) => pane(page).getByRole('region', { name: 'Decision' });

/** The Decision cell of an item's row, by the row's item id. */
function decisionCell(page: Page, rowId: string) {
  return page.locator(`[role="grid"][aria-label="Access review items"] [role="row"][data-id="${rowId}"] [data-field="decision"]`);
}

/** Item ids of the grid's rows, in order. */
function rowIds(page: Page): Promise<string[]> {
  return page.locator('[role="grid"][aria-label="Access review items"] [role="row"][data-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!));
}

test('a reviewer decides item after item in the details pane, keyboard only', async ({ page }) => {
  test.setTimeout(300_000);
  await openCertification(page, /Manager Review: Morgan Reyes/);
  const certificationId = certificationIdOf(page);
  const ids = (await rowIds(page)).slice(0, 3);
  expect(ids).toHaveLength(3);

  // Focus the first row's Identity cell, then d opens its details.
  await page.locator(`[role="row"][data-id="${ids[0]}"] [data-field="identitySummary.name"]`).click();
  await page.keyboard.press('d');
  await expect(pane(page)).toBeVisible();
  await expect(pane(page).getByText(/^Item 1 of [\d,]+$/)).toBeVisible();
  const firstName = await paneHeading(page).textContent();
  await expectAccessibleAtRest(page, 'the details pane');

  // a approves the first; j moves on; k comes back and shows it approved.
  await page.keyboard.press('a');
  await expect(paneDecision(page).getByText('Approved', { exact: true })).toBeVisible();
  await page.keyboard.press('j');
  await expect(pane(page).getByText(/^Item 2 of [\d,]+$/)).toBeVisible();
  await expect(paneHeading(page)).not.toHaveText(firstName!);
  await expect(paneHeading(page)).toBeFocused();
  await page.keyboard.press('k');
  await expect(paneHeading(page)).toHaveText(firstName!);
  await expect(paneDecision(page).getByText('Approved', { exact: true })).toBeVisible();

  // The second: r asks for the comment this campaign requires on revocations.
  await page.keyboard.press('j');
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
  await expect(dialog).toBeVisible();
  await expectAccessibleAtRest(page, 'the comment dialog over the pane');
  await page.keyboard.type('No longer in the team');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(paneDecision(page).getByText('Revoked', { exact: true })).toBeVisible();
  await expect(paneDecision(page).getByText('No longer in the team')).toBeVisible();

  // The third: approved; then the pane closes with Escape, focus back on that row.
  await page.keyboard.press('j');
  await expect(pane(page).getByText(/^Item 3 of [\d,]+$/)).toBeVisible();
  await page.keyboard.press('a');
  await expect(paneDecision(page).getByText('Approved', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane(page)).toBeHidden();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('data-id') ?? null), { message: 'focus is back on the row last shown' })
    .toBe(ids[2]);

  // The rows show every decision, and the tenant has them: a reload keeps them.
  const expected = ['Approved', 'Revoked', 'Approved'];
  for (const [i, id] of ids.entries()) await expect(decisionCell(page, id)).toContainText(expected[i]!);
  for (const id of ids) await expect(decisionCell(page, id)).not.toContainText('Saving', { timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible({ timeout: 30_000 });
  for (const [i, id] of ids.entries()) {
    await expect(decisionCell(page, id)).toContainText(expected[i]!);
    await expect(decisionCell(page, id)).not.toContainText('Saving');
  }
  const audit = await page.evaluate(
    async (cid) => (await (window as unknown as { attestSandbox: { audit(f: { certificationId: string }): Promise<{ itemId: string; decision: string; comments?: string }[]> } }).attestSandbox.audit({ certificationId: cid })),
    certificationId,
  );
  expect(audit.filter((a) => ids.includes(a.itemId)).map((a) => [a.itemId, a.decision])).toEqual([
    [ids[0], 'APPROVE'],
    [ids[1], 'REVOKE'],
    [ids[2], 'APPROVE'],
  ]);
  expect(audit.find((a) => a.itemId === ids[1])?.comments).toBe('No longer in the team');
});

// The pane at 390 px (opened from a card, axe-checked, fitting the width) is part of phone.spec.ts.
