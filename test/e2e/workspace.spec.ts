import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  certificationIdOf,
  expectAccessibleAtRest,
  expectHeaderDecisions,
  fetchCertification,
  openCertification,
  readHeaderDecisions,
} from './fixtures';

/**
 * The certification workspace, as a reviewer uses it: Morgan Reyes (manager) works through the seeded
 * certifications. Every test starts from a fresh browser context, so a fresh sandbox tenant.
 */

const MANAGER_REVIEW = /Manager Review: Morgan Reyes/;
const SALES_REVIEW = /Sales Department Access Review: Morgan Reyes/;
const SPOT_CHECK = /Privileged Sales Access Spot Check: Morgan Reyes/;

function itemGrid(page: Page) {
  return page.getByRole('grid', { name: 'Access review items' });
}

/** Data rows of the grid (the header row has "Select all rows", not "Select row"). */
function dataRows(page: Page) {
  return itemGrid(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name: 'Select row' }) });
}

/** "<access> for <identity>": how the row's controls name it. */
async function rowName(row: Locator): Promise<string> {
  const label = await row.getByRole('button', { name: /^Details / }).getAttribute('aria-label');
  return label!.replace(/^Details /, '');
}

function rowNamed(page: Page, name: string) {
  return itemGrid(page).getByRole('row').filter({ has: page.getByRole('button', { name: `Details ${name}`, exact: true }) });
}

/** The row's Decision cell ("Approved", "Revoked", "Undecided", with "Saving…" until confirmed). */
function decisionOf(row: Locator) {
  return row.locator('[data-field="decision"]');
}

/** Calls to the decide operation the sandbox has answered so far (dropped ones don't count). */
async function decideCalls(page: Page): Promise<number> {
  return page.evaluate(() => window.attestSandbox!.stats().byOperation.makeIdentityDecision ?? 0);
}

/** Finds the new reviewer by typing part of their name, and picks them from the offered people. */
async function chooseReviewer(page: Page, dialog: Locator, typed: string, person: RegExp) {
  await dialog.getByRole('combobox', { name: 'New reviewer' }).fill(typed);
  await page.getByRole('option', { name: person }).click();
  await expect(dialog.getByRole('combobox', { name: 'New reviewer' })).toHaveValue(person);
}

function showing(page: Page) {
  return page.getByText(/^Showing [\d,]+ of [\d,]+ items$/);
}

async function showingCount(page: Page): Promise<number> {
  const text = (await showing(page).textContent())!;
  return Number(/^Showing ([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
}

/**
 * Confirms the bulk dialog once its items are gathered: with `includeHighRisk`, includes the high-risk
 * items the dialog leaves out by default (which needs a comment), writes the comment when given, and
 * presses the confirm button.
 */
async function confirmBulk(dialog: Locator, options: { comment?: string; axe?: Page; includeHighRisk?: boolean } = {}) {
  await expect(dialog.getByText(/Gathering the items/)).toHaveCount(0, { timeout: 20_000 });
  const confirm = dialog.getByRole('button', { name: /^(Approve|Revoke) [\d,]+ items?$/ });
  const highRisk = dialog.getByRole('checkbox', { name: /^Also approve the [\d,]+ high-risk items? \(needs a comment\)$/ });
  if (options.includeHighRisk && (await highRisk.isVisible())) {
    await highRisk.check();
    await expect(confirm).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Comment' }).fill(options.comment ?? 'Checked with the access owner.');
  } else if (options.comment) await dialog.getByRole('textbox', { name: 'Comment' }).fill(options.comment);
  if (options.axe) await expectAccessibleAtRest(options.axe, 'bulk confirmation dialog');
  await expect(confirm).toBeEnabled();
  await confirm.click();
  await expect(dialog).toBeHidden();
}

test.describe('Reviewing a certification', () => {
  test('search narrows the grid and survives a reload; a few selected rows are approved together', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const before = await readHeaderDecisions(page);
    await expectAccessibleAtRest(page, 'item grid');

    await page.getByRole('searchbox', { name: 'Search access' }).fill('CN=Sales');
    await expect.poll(() => new URL(page.url()).searchParams.get('search')).toBe('CN=Sales');
    await expect.poll(() => showingCount(page)).toBeLessThan(before.total);
    const matching = await showingCount(page);
    expect(matching).toBeGreaterThan(3);
    for (const name of await dataRows(page).locator('[data-field="access.name"]').allTextContents()) {
      expect(name).toMatch(/^CN=Sales/i);
    }

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search access' })).toHaveValue('CN=Sales');
    await expect(showing(page)).toHaveText(`Showing ${matching} of ${before.total} items`);

    // The first undecided rows of the filtered view.
    const undecided = dataRows(page).filter({ has: page.locator('[data-field="decision"]', { hasText: /^Undecided$/ }) });
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const row = undecided.nth(i);
      picked.push(await rowName(row));
    }
    for (const name of picked) await rowNamed(page, name).getByRole('checkbox', { name: 'Select row' }).check();
    const bar = page.getByRole('region', { name: 'Selected items' });
    await expect(bar).toContainText('3 selected');
    await bar.getByRole('button', { name: 'Approve selected (3)' }).click();

    // Approving several at once asks for a look first when any of them is high-risk.
    const dialog = page.getByRole('dialog');
    await expect(dialog.or(decisionOf(rowNamed(page, picked[0]!)).getByText('Approved'))).toBeVisible();
    if (await dialog.isVisible()) await confirmBulk(dialog, { axe: page, includeHighRisk: true });

    for (const name of picked) await expect(decisionOf(rowNamed(page, name))).toHaveText('Approved', { timeout: 20_000 });
    await expectHeaderDecisions(page, before.made + 3, before.total);
    expect((await fetchCertification(page, certificationIdOf(page))).decisionsMade).toBe(before.made + 3);
  });

  test('revoking asks for the comment the campaign requires before anything is sent', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const before = await readHeaderDecisions(page);
    const row = dataRows(page).filter({ has: page.locator('[data-field="decision"]', { hasText: /^Undecided$/ }) }).first();
    const name = await rowName(row);
    const sentBefore = await decideCalls(page);

    await rowNamed(page, name).getByRole('button', { name: `Revoke ${name}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText(name, { exact: true })).toBeVisible();
    await expect(dialog.getByText('This campaign requires a comment on every revocation.')).toBeVisible();
    const revoke = dialog.getByRole('button', { name: 'Revoke', exact: true });
    await expect(revoke).toBeDisabled();
    await expectAccessibleAtRest(page, 'revoke dialog');
    // While the dialog waits for the comment, nothing is sent (a queued decision would go after 600 ms).
    await page.waitForTimeout(1000);
    expect(await decideCalls(page)).toBe(sentBefore);

    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Moved to the partner channel team; no longer needs this.');
    await expect(revoke).toBeEnabled();
    await revoke.click();
    await expect(dialog).toBeHidden();

    const revoked = rowNamed(page, name);
    await expect(decisionOf(revoked)).toHaveText('Revoked', { timeout: 20_000 });
    await expect(revoked.locator('[data-field="comments"]')).toHaveText('Moved to the partner channel team; no longer needs this.');
    await expectHeaderDecisions(page, before.made + 1, before.total);
    expect(await decideCalls(page)).toBe(sentBefore + 1);
  });

  test('everything matching a filter is approved after a confirmation that counts it', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const before = await readHeaderDecisions(page);

    await page.getByRole('button', { name: 'By identity' }).click();
    const identities = page.getByRole('table', { name: 'Identities' });
    await expect(identities).toBeVisible();
    await expect(page.getByText(/^\d+ identities, \d+ complete$/)).toBeVisible();
    await expectAccessibleAtRest(page, 'by-identity view');

    // Someone with decisions still to make: drill into their access, then keep only what is undecided.
    const person = identities
      .getByRole('row')
      .filter({ has: page.getByRole('progressbar') })
      .filter({ hasNot: page.getByRole('progressbar', { name: /^(\d+) of \1 decisions$/ }) })
      .first();
    const identity = (await person.getByRole('button').first().textContent())!;
    await person.getByRole('button', { name: identity, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Access of ${identity}` })).toBeVisible();
    await page.getByRole('button', { name: 'Undecided', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Undecided', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => new URL(page.url()).searchParams.get('quick')).toBe('undecided');
    await expect(dataRows(page).first()).toBeVisible();
    // One person's view counts their items, not "of" the certification's.
    const count = Number((await page.getByText(/^[\d,]+ items? match the filters$/).textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(1);

    // Slow enough to watch the progress.
    await page.evaluate(() => window.attestSandbox!.setLatency({ minMs: 700, maxMs: 700 }));
    await page.getByRole('button', { name: 'Approve all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Approve [\d,]+ items?$/ });
    await expect(dialog).toContainText(`The ${count} items matching: undecided, of \u2068${identity}\u2069.`);
    await expect(dialog).toContainText(`${count} items have no decision yet.`);
    await confirmBulk(dialog, { axe: page, includeHighRisk: true });

    await expect(page.getByRole('status').filter({ hasText: `Saving decisions: 0 of ${count} confirmed` })).toBeVisible();
    await expectHeaderDecisions(page, before.made + count, before.total);
    await expect(page.getByRole('status').filter({ hasText: `All ${count} decisions saved.` })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /Saving decisions/ })).toHaveCount(0);
    await expect(page.getByText('No items match these filters.')).toBeVisible();
    await expect(page.getByText('0 items match the filters')).toBeVisible();

    await page.getByRole('button', { name: 'Back to all identities' }).click();
    const done = identities.getByRole('row').filter({ has: page.getByRole('button', { name: identity, exact: true }) });
    await expect(done.getByRole('progressbar')).toHaveAccessibleName(/^(\d+) of \1 decisions$/);
    expect((await fetchCertification(page, certificationIdOf(page))).decisionsMade).toBe(before.made + count);
  });

  test('a few items are reassigned to another reviewer found by name, with a reason', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const total = await showingCount(page);
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) picked.push(await rowName(dataRows(page).nth(i)));
    for (const name of picked) await rowNamed(page, name).getByRole('checkbox', { name: 'Select row' }).check();
    await page.getByRole('region', { name: 'Selected items' }).getByRole('button', { name: 'Reassign selected (3)' }).click();

    const dialog = page.getByRole('dialog', { name: 'Reassign to another reviewer' });
    await expect(dialog).toContainText('3 items will move to the new reviewer’s certification in this campaign, and leave yours.');
    await chooseReviewer(page, dialog, 'Chen', /Chen Wei/);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Chen owns these Sales systems now.');
    await expectAccessibleAtRest(page, 'reassign dialog');
    await dialog.getByRole('button', { name: 'Reassign 3 items' }).click();
    await expect(dialog).toBeHidden();

    for (const name of picked) await expect(rowNamed(page, name)).toHaveCount(0);
    await expect(showing(page)).toHaveText(new RegExp(`^Showing ${total - 3} of`));
  });

  test('more than 50 items are reassigned as a background task whose progress is shown', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const total = await showingCount(page);
    // A hundred rows on a page, all selected.
    await page.getByRole('combobox', { name: /Rows per page/ }).click();
    await page.getByRole('option', { name: '100' }).click();
    await expect(dataRows(page)).toHaveCount(100);
    await itemGrid(page).getByRole('checkbox', { name: 'Select all rows' }).check();
    const bar = page.getByRole('region', { name: 'Selected items' });
    await expect(bar).toContainText('100 selected');
    await bar.getByRole('button', { name: 'Reassign selected (100)' }).click();

    const dialog = page.getByRole('dialog', { name: 'Reassign to another reviewer' });
    await chooseReviewer(page, dialog, 'Chen', /Chen Wei/);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Chen takes over the Sales systems review.');
    await dialog.getByRole('button', { name: 'Reassign 100 items' }).click();

    await expect(dialog.getByRole('status')).toContainText(/Reassigning in the background: (Starting|Queued|In progress)/);
    await expect(dialog.getByRole('progressbar', { name: /^Reassignment progress/ })).toBeVisible();
    await expectAccessibleAtRest(page, 'reassign dialog following a background task');
    // Done: the dialog hands back, and the moved items have left the grid.
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(showing(page)).toHaveText(new RegExp(`^Showing ${total - 100} of`));
  });

  test('the network dropping in the middle of a bulk approval loses nothing and doubles nothing', async ({ page, context }) => {
    await openCertification(page, SALES_REVIEW);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    const count = before.total - before.made;
    const n = (value: number) => value.toLocaleString('en-US');
    expect(count).toBeGreaterThan(500); // several calls of at most 250 decisions

    await page.getByRole('button', { name: 'Undecided', exact: true }).click();
    await expect(showing(page)).toHaveText(`Showing ${n(count)} of ${n(before.total)} items`);
    await page.getByRole('button', { name: 'Approve all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Approve [\d,]+ items?$/ });
    await expect(dialog).toBeVisible();
    // Each call takes a while, so the run can be cut in the middle.
    await page.evaluate(() => window.attestSandbox!.setLatency({ minMs: 1_000, maxMs: 1_000 }));
    await confirmBulk(dialog, { includeHighRisk: true });

    const progress = page.getByRole('status').filter({ hasText: /^Saving decisions: / });
    await expect(progress).toHaveText(new RegExp(`^Saving decisions: (250|500|750) of ${n(count)} confirmed$`), { timeout: 20_000 });

    // The network drops. Playwright's setOffline does not reach requests the sandbox's service worker
    // answers (checked: fetch still succeeds offline), so the sandbox drops the decide calls instead,
    // as a lost connection would; setOffline still makes the browser report offline, then online again.
    await page.evaluate(() => window.attestSandbox!.injectFault({ fault: 'drop', times: 1_000, operationId: 'makeIdentityDecision' }));
    await context.setOffline(true);
    await page.waitForTimeout(3_000); // a first and a second retry fail
    await expect(progress).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /not saved/ })).toHaveCount(0);
    const midway = await fetchCertification(page, id);
    expect(midway.decisionsMade).toBeLessThan(before.total);
    expect(midway.decisionsMade).toBeGreaterThanOrEqual(before.made + 250);

    // Back online: what waited is sent.
    await page.evaluate(() => window.attestSandbox!.clearFaults());
    await context.setOffline(false);
    await expectHeaderDecisions(page, before.total, before.total);
    await expect(progress).toHaveCount(0);
    await expect(page.getByText(new RegExp(`^In this session: 0 decided one by one, ${n(count)} in bulk \\([\\d,]+ of them high-risk, approved with a comment\\)\\.$`))).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: /not saved/ })).toHaveCount(0);
    const after = await fetchCertification(page, id);
    expect(after.decisionsMade).toBe(before.made + count);
    expect(after.decisionsTotal).toBe(before.total);
  });

  test('decisions made just before a reload are kept', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    const undecided = dataRows(page).filter({ has: page.locator('[data-field="decision"]', { hasText: /^Undecided$/ }) });
    const first = await rowName(undecided.nth(0));
    const second = await rowName(undecided.nth(1));

    // One decision confirmed by the tenant…
    await rowNamed(page, first).getByRole('button', { name: `Approve ${first}`, exact: true }).click();
    await expect(decisionOf(rowNamed(page, first))).toHaveText('Approved', { timeout: 20_000 });
    await expectHeaderDecisions(page, before.made + 1, before.total);

    // …and one still on its way when the page reloads (the tenant is slow to answer).
    await page.evaluate(() => window.attestSandbox!.setLatency({ minMs: 10_000, maxMs: 10_000 }));
    await rowNamed(page, second).getByRole('button', { name: `Approve ${second}`, exact: true }).click();
    await expect(decisionOf(rowNamed(page, second))).toHaveText('ApprovedSaving…');
    await expect(page.getByRole('status').filter({ hasText: 'Saving 1 decision…' })).toBeVisible();

    // Leaving within the app now is held up: the reviewer is told, and stays.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'My certifications' }).click();
    const guard = page.getByRole('dialog', { name: 'Decisions are still being saved' });
    await expect(guard).toContainText('1 decision is not yet confirmed by the tenant.');
    await guard.getByRole('button', { name: 'Stay' }).click();
    await expect(guard).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: MANAGER_REVIEW })).toBeVisible();

    const prompts: string[] = [];
    page.on('dialog', (prompt) => {
      prompts.push(prompt.type());
      void prompt.accept();
    });
    await page.reload();
    // The browser asked before leaving with a decision unconfirmed.
    expect(prompts).toEqual(['beforeunload']);

    await expect(itemGrid(page)).toBeVisible({ timeout: 30_000 });
    await expect(decisionOf(rowNamed(page, first))).toHaveText('Approved');
    await expect(decisionOf(rowNamed(page, second))).toHaveText('Approved', { timeout: 20_000 });
    await expectHeaderDecisions(page, before.made + 2, before.total);
    expect((await fetchCertification(page, id)).decisionsMade).toBe(before.made + 2);
  });

  test('with every item decided the certification is signed off, then listed as completed and read-only', async ({ page }) => {
    await openCertification(page, SPOT_CHECK);
    const id = certificationIdOf(page);
    const before = await readHeaderDecisions(page);
    expect(before.made).toBe(0);
    const signOff = page.getByRole('button', { name: 'Sign off', exact: true });
    await expect(signOff).toBeDisabled();
    await expect(page.getByText('This campaign requires a comment on every decision.')).toBeVisible();

    // The details of one item, then one revocation (with the comment every decision needs).
    const revokedName = await rowName(dataRows(page).first());
    await rowNamed(page, revokedName).getByRole('button', { name: `Details ${revokedName}`, exact: true }).click();
    const drawer = page.getByRole('dialog', { name: revokedName.replace(/ for .*$/, '') });
    await expect(drawer).toBeVisible();
    await expect(drawer).toContainText(/for /);
    await expectAccessibleAtRest(page, 'item details drawer');
    await drawer.getByRole('button', { name: 'Close details' }).click();
    await expect(drawer).toBeHidden();

    await rowNamed(page, revokedName).getByRole('button', { name: `Revoke ${revokedName}`, exact: true }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
    await revokeDialog.getByRole('textbox', { name: 'Comment' }).fill('Not needed for the West region role.');
    await revokeDialog.getByRole('button', { name: 'Revoke', exact: true }).click();
    await expect(decisionOf(rowNamed(page, revokedName))).toHaveText('Revoked', { timeout: 20_000 });
    await expectHeaderDecisions(page, 1, before.total);

    // Everything still undecided, approved at once: the campaign's comment is asked for first.
    const rest = before.total - 1;
    await page.getByRole('button', { name: 'Undecided', exact: true }).click();
    await expect(showing(page)).toHaveText(`Showing ${rest} of ${before.total} items`);
    await page.getByRole('button', { name: 'Approve all matching…' }).click();
    const bulk = page.getByRole('dialog', { name: /^Approve [\d,]+ items?$/ });
    await expect(bulk).toContainText(`The ${rest} items matching: undecided.`);
    await expect(bulk.getByText(/This campaign requires a comment on every decision\./)).toBeVisible();
    // A spot check of privileged access: every item is high-risk, so a bulk approval must include them explicitly.
    await expect(bulk.getByText(`${rest} high-risk items stay for one-by-one review`)).toBeVisible();
    await bulk.getByRole('checkbox', { name: `Also approve the ${rest} high-risk items (needs a comment)` }).check();
    const confirm = bulk.getByRole('button', { name: `Approve ${rest} items` });
    await expect(confirm).toBeDisabled();
    await bulk.getByRole('textbox', { name: 'Comment' }).fill('Confirmed with the West region lead.');
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(bulk).toBeHidden();
    await expectHeaderDecisions(page, before.total, before.total);

    await expect(signOff).toBeEnabled();
    await signOff.click();
    const confirmation = page.getByRole('dialog', { name: 'Sign off this certification?' });
    await expect(confirmation).toContainText(`You approved ${rest} and revoked 1 of ${before.total} items.`);
    await expectAccessibleAtRest(page, 'sign-off dialog');
    await confirmation.getByRole('button', { name: 'Sign off', exact: true }).click();
    await expect(confirmation).toBeHidden();

    // Signed: read-only.
    await expect(page.getByText(/This certification is complete and read-only\./)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign off', exact: true })).toHaveCount(0);
    await expect(page.getByText('No items match these filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    const rows = itemGrid(page).getByRole('row').filter({ has: page.getByRole('button', { name: /^Details / }) });
    await expect(rows).toHaveCount(before.total);
    await expect(itemGrid(page).getByRole('button', { name: /^(Approve|Revoke|Reassign) / })).toHaveCount(0);
    await expect(itemGrid(page).getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /all matching/ })).toHaveCount(0);
    await expect(decisionOf(rowNamed(page, revokedName))).toHaveText('Revoked');
    await expectAccessibleAtRest(page, 'signed, read-only certification');
    expect((await fetchCertification(page, id)).phase).toBe('SIGNED');

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'My certifications' }).click();
    await expect(page).toHaveURL(/\/certifications\/completed$/);
    const completed = page.getByRole('grid', { name: 'Completed certifications' });
    await expect(completed.getByRole('row').filter({ has: page.getByRole('link', { name: SPOT_CHECK }) })).toContainText('Signed');
    await page.getByRole('tab', { name: 'Active' }).click();
    await expect(page.getByRole('grid', { name: 'Active certifications' }).getByRole('link', { name: MANAGER_REVIEW })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Active certifications' }).getByRole('link', { name: SPOT_CHECK })).toHaveCount(0);
  });

  // Its own journey: axe takes seconds, and the reload journey above needs its decision still on the way.
  test('the leave guard dialog is accessible', async ({ page }) => {
    await openCertification(page, MANAGER_REVIEW);
    await page.evaluate(() => window.attestSandbox!.setLatency({ minMs: 10_000, maxMs: 10_000 }));
    await itemGrid(page).getByRole('button', { name: /^Approve / }).first().click();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'My certifications' }).click();
    await expect(page.getByRole('dialog', { name: 'Decisions are still being saved' })).toBeVisible();
    await expectAccessibleAtRest(page, 'leave guard dialog');
  });
});
