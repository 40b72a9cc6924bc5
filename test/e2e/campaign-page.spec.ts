import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessibleAtRest, gotoInApp, openApp, switchPersona } from './fixtures';

/** The campaign's id and record, read through the API with the signed-in admin's token. */
async function findCampaign(page: Page, pattern: RegExp): Promise<{ id: string; name: string; status: string; description: string | null }> {
  const campaigns = await page.evaluate(async () => {
    const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
    const response = await fetch('/v3/campaigns?limit=250', { headers: { Authorization: `Bearer ${session.accessToken}` } });
    if (!response.ok) throw new Error(`GET campaigns answered ${response.status}`);
    return (await response.json()) as { id: string; name: string; status: string; description: string | null }[];
  });
  const found = campaigns.find((c) => pattern.test(c.name));
  if (!found) throw new Error(`No campaign matches ${pattern}`);
  return found;
}

async function openAsAdmin(page: Page) {
  await openApp(page, '/certifications?sandboxLatency=0');
  await switchPersona(page, /Chen Wei/);
}

async function openCampaign(page: Page, pattern: RegExp, tab = '') {
  const campaign = await findCampaign(page, pattern);
  await gotoInApp(page, `/campaigns/${campaign.id}${tab.replace(/^&/, '?')}`);
  await expect(page.getByRole('heading', { level: 1, name: campaign.name })).toBeVisible({ timeout: 30_000 });
  return campaign;
}

test.describe('Campaign page (admin)', () => {
  test('edit a staged campaign’s description, then activate it', async ({ page }) => {
    test.setTimeout(120_000);
    await openAsAdmin(page);
    const campaign = await openCampaign(page, /Role Composition Review/);
    await expect(page.getByText('Preview ready').first()).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Certifications of this campaign' })).toBeVisible();
    await expectAccessibleAtRest(page, 'staged campaign page');

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit campaign' });
    await edit.getByRole('textbox', { name: 'Description' }).fill('Role owners confirm each role before the audit.');
    await expect(edit.getByText('Will send 1 change: description.')).toBeVisible();
    await expectAccessibleAtRest(page, 'edit dialog');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit).toBeHidden();
    await expect(page.getByText('Role owners confirm each role before the audit.')).toBeVisible();
    expect((await findCampaign(page, /Role Composition Review/)).description).toBe('Role owners confirm each role before the audit.');

    await page.getByRole('button', { name: 'Activate' }).click();
    const activate = page.getByRole('dialog', { name: 'Activate campaign' });
    await expect(activate.getByText(/The time zone sent is your browser’s current offset/)).toBeVisible();
    await expectAccessibleAtRest(page, 'activate dialog');
    await activate.getByRole('button', { name: 'Activate' }).click();
    await expect(activate).toBeHidden();
    await expect(page.getByRole('main').getByText('Active', { exact: true }).first()).toBeVisible({ timeout: 20_000 });
    expect((await findCampaign(page, /Role Composition Review/)).status).toBe('ACTIVE');
    void campaign;
  });

  test('an active campaign: progress, escalate a stalled reviewer, run and download reports, the evidence pack', async ({ page }) => {
    test.setTimeout(300_000);
    await openAsAdmin(page);
    await openCampaign(page, /Q\d \d{4} Manager Review/);
    await expect(page.getByRole('figure', { name: 'Decided vs pending' })).toContainText(/decisions made/);
    await expect(page.getByRole('figure', { name: 'Load and progress per reviewer' })).toContainText(/reviewers; the heaviest/);
    await expect(page.getByRole('figure', { name: 'Sign-offs over time' })).toContainText(/certifications signed/);
    await expectAccessibleAtRest(page, 'active campaign overview');

    await page.getByRole('tab', { name: 'Steer' }).click();
    const stalled = page.getByRole('table', { name: 'Stalled reviewers' });
    await expect(stalled.getByText('Morgan Reyes', { exact: true })).toBeVisible();
    await expectAccessibleAtRest(page, 'steer tab');
    await page.getByRole('button', { name: 'Escalate Morgan Reyes to their manager' }).click();
    const escalate = page.getByRole('dialog', { name: 'Escalate Morgan Reyes to their manager' });
    await expect(escalate.getByText(/New reviewer:/)).toBeVisible();
    const managerName = (await escalate.getByText(/New reviewer:/).locator('strong').textContent())!;
    await expectAccessibleAtRest(page, 'escalate dialog');
    await escalate.getByRole('button', { name: 'Escalate' }).click();
    await expect(escalate).toBeHidden({ timeout: 30_000 });
    await expect(page.getByText(new RegExp(`of Morgan Reyes moved to ${managerName}`))).toBeVisible();
    await expect(stalled.getByText('Morgan Reyes', { exact: true })).toHaveCount(0);

    await page.getByRole('tab', { name: 'Reports' }).click();
    await page.getByRole('button', { name: 'Run Campaign status' }).click();
    const reports = page.getByRole('table', { name: 'Campaign reports' });
    const statusRow = reports.getByRole('row').filter({ hasText: 'Campaign status' });
    await expect(statusRow.getByText('Ready')).toBeVisible({ timeout: 20_000 });
    await expectAccessibleAtRest(page, 'reports tab');
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download Campaign status as CSV' }).click();
    expect((await csv).suggestedFilename()).toMatch(/^Campaign Status Report - .*Manager Review\.csv$/);

    const zip = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByRole('button', { name: 'Build evidence pack' }).click();
    await expect(page.getByText(/Running report|Waiting for ISC|Downloading report|Read/).first()).toBeVisible();
    const packStarted = Date.now();
    const pack = await zip;
    console.log(`evidence pack: ${Date.now() - packStarted} ms from click to download`);
    expect(pack.suggestedFilename()).toMatch(/Manager Review evidence \d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.zip$/);
    await expect(page.getByText(/Evidence pack downloaded: snapshot taken at/)).toBeVisible();
    const files = unzipSync(new Uint8Array(await readFile((await pack.path())!)));
    expect(Object.keys(files).sort()).toEqual([
      'README.txt', 'attest-items.csv', 'attest-reviewers.csv',
      'isc-reports/Campaign Composition Report.csv', 'isc-reports/Campaign Remediation Status Report.csv',
      'isc-reports/Campaign Status Report.csv', 'isc-reports/Certification Signoff Report.csv',
    ]);
    expect(strFromU8(files['README.txt']!)).toMatch(/Snapshot taken at \d{4}-\d{2}-\d{2}T/);
    const items = strFromU8(files['attest-items.csv']!).trim().split('\r\n');
    expect(items[0]).toBe('Certification,Certification ID,Reviewer,Reviewer email,Identity,Identity ID,Access type,Access,Access ID,Source,High-risk flags,Decision,Comment,Reassignment chain,Signed');
    // The escalation shows as a reassignment chain on Morgan's items, now reviewed by their manager.
    expect(items.some((line) => line.includes(`Morgan Reyes → ${managerName}`))).toBe(true);
  });

  test('complete a past-due campaign, revoking what is undecided', async ({ page }) => {
    test.setTimeout(120_000);
    await openAsAdmin(page);
    await openCampaign(page, /Privileged Sales Access Spot Check/);
    await page.getByRole('button', { name: 'Complete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Complete campaign' });
    await expect(dialog.getByText(/undecided items? in \d+ unsigned certifications? will be approved\./)).toBeVisible();
    await dialog.getByRole('radio', { name: /Revoke/ }).check();
    await expect(dialog.getByText(/will be revoked\./)).toBeVisible();
    await expectAccessibleAtRest(page, 'complete dialog');
    await dialog.getByRole('button', { name: 'Complete and revoke' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('main').getByText(/^(Completing|Completed)$/).first()).toBeVisible({ timeout: 20_000 });
  });

  test('negative paths show the reason and change nothing', async ({ page }) => {
    test.setTimeout(120_000);
    // Time stands still for the sandbox, so the generating campaign stays PENDING; timers still run.
    await page.clock.setFixedTime(new Date());
    await openAsAdmin(page);
    await page.evaluate(() => window.attestSandbox?.setRateLimit(false));

    const pending = await openCampaign(page, /Finance Access Review/);
    await page.getByRole('button', { name: 'Activate' }).click();
    const activate = page.getByRole('dialog', { name: 'Activate campaign' });
    await expect(activate.getByText(/still generating \(PENDING\)/)).toBeVisible();
    await expect(activate.getByRole('button', { name: 'Activate' })).toBeDisabled();
    await expectAccessibleAtRest(page, 'activate refused dialog');
    await activate.getByRole('button', { name: 'Cancel' }).click();
    expect((await findCampaign(page, /Finance Access Review/)).status).toBe('PENDING');
    void pending;

    const active = await openCampaign(page, /Active Directory Access Review/);
    await page.getByRole('button', { name: 'Complete' }).click();
    const complete = page.getByRole('dialog', { name: 'Complete campaign' });
    await expect(complete.getByText(/not past due yet/)).toBeVisible();
    await expect(complete.getByRole('button', { name: /^Complete and/ })).toBeDisabled();
    await expectAccessibleAtRest(page, 'complete refused dialog');
    await complete.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit campaign' });
    await expect(edit.getByRole('textbox', { name: 'Name' })).toBeDisabled();
    await expect(edit.getByText('An active campaign can change only its deadline.').first()).toBeVisible();
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Past the screen, the tenant refuses the forbidden field too, naming it, and keeps the campaign as it was.
    const refusal = await page.evaluate(async (id) => {
      const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
      const response = await fetch(`/v3/campaigns/${id}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json-patch+json' },
        body: JSON.stringify([{ op: 'replace', path: '/name', value: 'Renamed' }]),
      });
      return { status: response.status, body: await response.text() };
    }, active.id);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toMatch(/\/name cannot be changed while the campaign is ACTIVE/);
    expect((await findCampaign(page, /Active Directory Access Review/)).name).toBe(active.name);
  });
});
