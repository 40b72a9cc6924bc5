import { expect, test, type Locator, type Page } from '@playwright/test';
import { certificationIdOf, expectAccessibleAtRest, expectHeaderDecisions, openCertification, readHeaderDecisions, switchPersona } from './fixtures';

/**
 * Decisions a reviewer and an auditor can trust, tried through the UI: each reaches the tenant once, as the
 * person who made it, saying what they meant — across persona switches, lost replies, two tabs, and bulk
 * decisions over items that already have one. The sandbox's audit says who the tenant recorded.
 */

const MANAGER_REVIEW = /Manager Review: Morgan Reyes/;
const SALES_REVIEW = /Sales Department Access Review: Morgan Reyes/;

interface AuditRow {
  itemId: string;
  decision: string;
  comments: string | null;
  actorName: string;
  actorId: string;
}

function itemGrid(page: Page) {
  return page.getByRole('grid', { name: 'Access review items' });
}

function undecidedRows(page: Page) {
  return itemGrid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('checkbox', { name: 'Select row' }) })
    .filter({ has: page.locator('[data-field="decision"]', { hasText: /^Undecided$/ }) });
}

async function rowName(row: Locator): Promise<string> {
  const label = await row.getByRole('button', { name: /^Details / }).getAttribute('aria-label');
  return label!.replace(/^Details /, '');
}

function rowNamed(page: Page, name: string) {
  return itemGrid(page).getByRole('row').filter({ has: page.getByRole('button', { name: `Details ${name}`, exact: true }) });
}

async function audit(page: Page, certificationId: string): Promise<AuditRow[]> {
  return page.evaluate((id) => window.attestSandbox!.audit({ certificationId: id }), certificationId) as Promise<AuditRow[]>;
}

/** Items recorded more than once by the tenant. */
function doubled(rows: AuditRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.itemId, (counts.get(row.itemId) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Approves the first `n` undecided rows with their row buttons; answers their names. */
async function approveRows(page: Page, n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push(await rowName(undecidedRows(page).nth(i)));
  for (const name of names) await rowNamed(page, name).getByRole('button', { name: `Approve ${name}`, exact: true }).click();
  return names;
}

test.describe('Decisions you can trust', () => {
  // Journeys through several pages, tabs and retries: more than the default minute on a loaded machine.
  test.describe.configure({ timeout: 150_000 });
  test('a persona switch holds the reviewer’s unsaved decisions; they are sent as the reviewer after switching back', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    // The tenant fails every decide call for now: the decisions stay unsaved in this browser.
    await page.evaluate(() => window.attestSandbox!.injectFault({ fault: 503, times: 1_000, operationId: 'makeIdentityDecision' }));
    await approveRows(page, 3);
    await expect(page.getByRole('alert').filter({ hasText: /^3 decisions wait\. The tenant had a problem\. Next try (in \d+ s|now|soon)\./ })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: '3 decisions wait' }).getByRole('button', { name: 'Retry now' })).toBeVisible();
    await expectAccessibleAtRest(page, 'decisions waiting with a reason');

    // Switching persona warns first.
    await page.getByRole('button', { name: /Acting as:/ }).click();
    await page.getByRole('menuitem', { name: /Chen Wei/ }).click();
    const warning = page.getByRole('dialog', { name: '3 decisions not yet saved' });
    await expect(warning).toContainText('never under anyone else’s name');
    await expectAccessibleAtRest(page, 'leave identity warning');
    await warning.getByRole('button', { name: 'Leave anyway' }).click();
    await expect(page.getByRole('button', { name: /Acting as:/ })).toContainText(/Chen Wei/);

    // As the certification admin: the manager's decisions are held, said so, and never sent.
    const held = page.getByRole('alert').filter({ hasText: '3 decisions by Morgan Reyes wait for Morgan Reyes to sign in again.' });
    await expect(held).toBeVisible();
    await page.evaluate(() => window.attestSandbox!.clearFaults());
    await page.waitForTimeout(3_000);
    expect(await audit(page, id)).toEqual([]);

    // The admin opens the manager's certification by address: whose it is, and whose name decisions carry.
    await page.goto(`/certifications/${id}?sandboxLatency=0`);
    await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('note', { name: 'Whose certification this is' })).toContainText('This is Morgan Reyes’s certification');
    await expect(page.getByRole('note', { name: 'Whose certification this is' })).toContainText('recorded under your own name (Chen Wei)');
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).not.toContainText('My certifications');
    await expectAccessibleAtRest(page, 'an admin in someone else’s certification');

    await switchPersona(page, /Morgan Reyes/);
    await expect(held).toHaveCount(0, { timeout: 20_000 });
    await page.goto(`/certifications/${id}?sandboxLatency=0`);
    await expectHeaderDecisions(page, before.made + 3, before.total);
    const rows = await audit(page, id);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.actorName))).toEqual(new Set(['Morgan Reyes']));
  });

  test('a reply lost after the tenant applied the call is read back, never sent twice', async ({ page }) => {
    await openCertification(page, SALES_REVIEW);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    await page.evaluate(() => window.attestSandbox!.injectFault({ fault: 'lost-reply', times: 2, operationId: 'makeIdentityDecision' }));
    await approveRows(page, 4);
    await expectHeaderDecisions(page, before.made + 4, before.total);
    await expect(page.getByRole('status').filter({ hasText: /^(All 4 decisions saved\.)?$/ }).first()).toBeAttached();
    await expect.poll(async () => (await audit(page, id)).length, { timeout: 20_000 }).toBe(4);
    const rows = await audit(page, id);
    expect(doubled(rows)).toEqual([]);
  });

  test('two tabs deciding in one certification: both see every decision, the tenant records each once', async ({ page, context }) => {
    await openCertification(page, SALES_REVIEW);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    const second = await context.newPage();
    await second.goto(`/certifications/${id}?sandboxLatency=0`);
    await expect(itemGrid(second)).toBeVisible({ timeout: 30_000 });

    // Different rows in each tab, at the same time.
    await second.getByRole('searchbox', { name: 'Search access' }).fill('CN=');
    await expect.poll(() => new URL(second.url()).searchParams.get('search')).toBe('CN=');
    const fromFirst = await approveRows(page, 3);
    const fromSecond = await approveRows(second, 3);
    await expectHeaderDecisions(page, before.made + 6, before.total);
    await expectHeaderDecisions(second, before.made + 6, before.total);
    for (const name of fromSecond) await expect(rowNamed(second, name).locator('[data-field="decision"]')).toHaveText('Approved');
    for (const name of fromFirst) await expect(rowNamed(page, name).locator('[data-field="decision"]')).toHaveText('Approved');
    const rows = await audit(page, id);
    expect(rows).toHaveLength(6);
    expect(doubled(rows)).toEqual([]);
  });

  test('“Approve all matching” on Undecided leaves unsaved decisions and high-risk items alone unless asked', async ({ page }) => {
    // The manager review asks for a comment on every revocation.
    await openCertification(page, MANAGER_REVIEW);
    const id = certificationIdOf(page);
    await page.getByRole('button', { name: 'Undecided', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('quick')).toBe('undecided');
    await expect(undecidedRows(page).first()).toBeVisible();

    // Two revocations with comments, still on their way when the bulk approval is asked for.
    await page.evaluate(() => window.attestSandbox!.injectFault({ fault: 503, times: 1_000, operationId: 'makeIdentityDecision' }));
    const revoked: string[] = [];
    for (let i = 0; i < 2; i++) {
      const name = await rowName(undecidedRows(page).nth(i));
      revoked.push(name);
      await rowNamed(page, name).getByRole('button', { name: `Revoke ${name}`, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
      await dialog.getByRole('textbox', { name: 'Comment' }).fill(`No longer needed (${i + 1}).`);
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      await expect(dialog).toBeHidden();
    }
    await page.getByRole('button', { name: 'Approve all matching…' }).click();
    const bulk = page.getByRole('dialog', { name: /^Approve [\d,]+ items?$/ });
    await expect(bulk.getByText(/Gathering the items/)).toHaveCount(0, { timeout: 20_000 });
    await expect(bulk.getByRole('list', { name: 'What this changes' })).toContainText('2 items already have another decision (0 saved, 2 not yet sent): left as they are.');
    await expect(bulk.getByText(/high-risk items? stays? for one-by-one review$/)).toBeVisible();
    await expectAccessibleAtRest(page, 'guarded bulk approval');
    const label = (await bulk.getByRole('button', { name: /^Approve [\d,]+ items?$/ }).textContent())!;
    const approving = Number(/Approve ([\d,]+)/.exec(label)![1]!.replace(/,/g, ''));
    await bulk.getByRole('button', { name: label }).click();
    await expect(bulk).toBeHidden();
    await page.evaluate(() => window.attestSandbox!.clearFaults());
    // The queue's own retry timer may have sent them already, now that the faults are gone.
    const retry = page.getByRole('button', { name: 'Retry now' }).first();
    if (await retry.isVisible()) await retry.click({ timeout: 5_000 }).catch(() => undefined);

    await expect.poll(async () => (await audit(page, id)).length, { timeout: 60_000 }).toBe(approving + 2);
    const rows = await audit(page, id);
    expect(doubled(rows)).toEqual([]);
    const revocations = rows.filter((r) => r.decision === 'REVOKE');
    expect(revocations.map((r) => r.comments).sort()).toEqual(['No longer needed (1).', 'No longer needed (2).']);
    await expect(page.getByText(/^In this session: 2 decided one by one, [\d,]+ in bulk\.$/)).toBeVisible();
  });
});
