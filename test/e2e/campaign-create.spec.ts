import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleAtRest, openApp, switchPersona } from './fixtures';

/** Opens the campaign list as an admin persona, on a sandbox without simulated latency. */
async function openCampaignsAs(page: Page, persona: RegExp) {
  await openApp(page, '/certifications?sandboxLatency=0');
  await switchPersona(page, persona);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await expect(page.getByRole('grid', { name: 'Campaigns' }).getByRole('row').nth(1)).toBeVisible();
}

/** Walks the wizard's first two steps: the type, then name and description. */
async function startWizard(page: Page, type: RegExp, name: string) {
  await page.getByRole('link', { name: 'New campaign' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New campaign' })).toBeVisible();
  await page.getByRole('radio', { name: type }).check();
  await expectAccessibleAtRest(page, 'wizard: type step');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('textbox', { name: /^Description/ }).fill('Quarterly review, created by the end-to-end journey');
}

test.describe('Campaign console: create, preflight, activate', () => {
  test('an admin creates a manager campaign, watches it generate, reads the preflight and activates it', async ({ page }) => {
    // A long journey with an axe run at every page and dialog, on a shared 2-core machine.
    test.setTimeout(240_000);
    await openCampaignsAs(page, /Chen Wei/);
    const grid = page.getByRole('grid', { name: 'Campaigns' });
    await expect(grid.getByText('Preview ready').first()).toBeVisible();
    await expect(grid.getByText('Not started').first()).toBeVisible();
    await expectAccessibleAtRest(page, 'campaign list');

    // The typed delete confirmation, opened and cancelled.
    await grid.getByRole('row').filter({ hasText: 'Preview ready' }).first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete 1 selected' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this campaign?' });
    await expect(dialog.getByRole('button', { name: 'Delete campaign' })).toBeDisabled();
    await expectAccessibleAtRest(page, 'delete dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // The overdue view gathers every page and says so.
    await page.getByRole('button', { name: 'Overdue' }).click();
    await expect(page.getByText(/ISC cannot filter campaigns by deadline or type/)).toBeVisible();
    await expect(grid.getByText(/^Overdue/).first()).toBeVisible();
    await expectAccessibleAtRest(page, 'overdue view');
    await page.getByRole('button', { name: 'All', exact: true }).click();

    await startWizard(page, /^Manager/, 'E2E manager campaign');
    // The deadline's date-time picker, opened and closed.
    await page.getByRole('button', { name: /Choose date/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessibleAtRest(page, 'deadline picker');
    await page.keyboard.press('Escape');
    await expectAccessibleAtRest(page, 'wizard: basics step');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(/Identities without a manager are left out/)).toBeVisible();
    await expectAccessibleAtRest(page, 'wizard: scope step');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('switch', { name: 'Recommendations' }).or(page.getByRole('checkbox', { name: 'Recommendations' })).check();
    await expectAccessibleAtRest(page, 'wizard: options step');
    await page.getByRole('button', { name: 'Next' }).click();
    const body = page.getByLabel('Request body');
    await expect(body).toContainText('"type": "MANAGER"');
    await expect(body).toContainText('"recommendationsEnabled": true');
    await expectAccessibleAtRest(page, 'wizard: review step');
    await page.getByRole('button', { name: 'Create campaign' }).click();

    // Generation, followed with elapsed time, then the preflight.
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f]+\/preflight$/);
    await expect(page.getByRole('heading', { level: 1, name: 'E2E manager campaign' })).toBeVisible();
    await expect(page.getByText(/Generating the certifications|Preflight checks/).first()).toBeVisible();
    const checks = page.getByRole('list', { name: 'Preflight checks' });
    await expect(checks).toBeVisible({ timeout: 30_000 });
    await expect(checks.getByRole('heading', { name: /Certifications — Pass/ })).toBeVisible();
    await expect(checks.getByRole('heading', { name: /Identities without a manager — Warning/ })).toBeVisible();
    await expect(checks.getByRole('heading', { name: /Deadline — Pass/ })).toBeVisible();
    await expect(checks.getByRole('heading', { name: /Activation clock — Pass/ })).toBeVisible();
    await expect(checks.getByText(/the heaviest has [\d,]+ items?, the median/)).toBeVisible();
    await expectAccessibleAtRest(page, 'preflight');

    await page.getByRole('button', { name: 'Activate campaign' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Active/ })).toBeVisible({ timeout: 30_000 });
    await expectAccessibleAtRest(page, 'preflight after activation');

    // The list shows it active, counting signed certifications.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Campaigns' }).click();
    const row = page.getByRole('grid', { name: 'Campaigns' }).getByRole('row').filter({ hasText: 'E2E manager campaign' });
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await expect(row.getByRole('progressbar', { name: /^0 of \d+ signed$/ })).toBeVisible();
  });

  test('an admin creates a search campaign of picked identities', async ({ page }) => {
    test.setTimeout(120_000);
    await openCampaignsAs(page, /Dana Okafor/);
    await startWizard(page, /^Search/, 'E2E search campaign');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Pick at least one identity, or choose “All identities returned by a query”.')).toBeVisible();
    const identities = page.getByRole('combobox', { name: 'Identities' });
    for (const person of ['Morgan Reyes', 'Priya Shah']) {
      await identities.fill(person);
      await page.getByRole('option', { name: new RegExp(person) }).click();
    }
    await expectAccessibleAtRest(page, 'wizard: search scope');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    const body = page.getByLabel('Request body');
    await expect(body).toContainText('"type": "SEARCH"');
    await expect(body).toContainText('2c9180857a1c8e3b017a1d0f3b2e0001');
    await expect(body).toContainText('2c9180857a1c8e3b017a1d0f3b2e0002');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    const checks = page.getByRole('list', { name: 'Preflight checks' });
    await expect(checks).toBeVisible({ timeout: 30_000 });
    await expect(checks.getByRole('heading', { name: /Certifications — Pass/ })).toBeVisible();
    await expect(checks.getByRole('heading', { name: /Identities without a manager/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Activate campaign' })).toBeEnabled();
    await expectAccessibleAtRest(page, 'search campaign preflight');
  });

  test('a reviewer opening /campaigns gets not-found; a report admin sees reports only', async ({ page }) => {
    await openApp(page, '/campaigns');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Campaigns' })).toHaveCount(0);
    await expectAccessible(page, 'campaigns as a reviewer');

    await page.getByRole('button', { name: /Acting as:/ }).click();
    await expect(page.getByRole('menuitem', { name: /Anika Chen \(report admin\)/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await switchPersona(page, /Anika Chen/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Campaign reports' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'New campaign' })).toHaveCount(0);
    await page.getByRole('button', { name: /^Reports of / }).first().click();
    await expect(page.getByRole('dialog', { name: /^Reports of / })).toBeVisible();
    await expectAccessibleAtRest(page, 'reports dialog');
  });
});
