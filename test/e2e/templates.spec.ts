import { expect, test } from '@playwright/test';
import { expectAccessibleAtRest, openApp, switchPersona } from './fixtures';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The next five "last day of the month at 09:00 Europe/Berlin" instants after `now`, worked out by hand: a month's
 * last day is after Berlin's spring change (last Sunday of March) and before its autumn change (last Sunday of
 * October) from March to September, so 09:00 there is 07:00 UTC (CEST); October to February it is 08:00 UTC (CET).
 */
function expectedMonthEnds(now: Date): { iso: string; month: string; year: number }[] {
  const out: { iso: string; month: string; year: number }[] = [];
  for (let k = 0; out.length < 5; k++) {
    const y = now.getUTCFullYear() + Math.floor((now.getUTCMonth() + k) / 12);
    const m = (now.getUTCMonth() + k) % 12;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const utcHour = m >= 2 && m <= 8 ? 7 : 8;
    const at = new Date(Date.UTC(y, m, last, utcHour));
    if (at.getTime() > now.getTime()) out.push({ iso: at.toISOString(), month: MONTHS[m]!, year: y });
  }
  return out;
}

test.describe('Templates and schedules', () => {
  test('an admin creates a template, schedules it monthly on the last day at 09:00 Berlin, generates now and deletes the schedule', async ({ page }) => {
    test.setTimeout(360_000);
    const suffix = Date.now().toString(36);
    const templateName = `E2E cadence ${suffix}`;
    await openApp(page, '/certifications?sandboxLatency=0');
    await switchPersona(page, /Chen Wei/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Campaign templates' })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Campaign templates' }).getByText('Monthly Privileged Cloud Access Review')).toBeVisible();
    await expectAccessibleAtRest(page, 'template list');

    // Create: the template's own fields, then the campaign wizard's steps.
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByRole('textbox', { name: /^Template name/ }).fill(templateName);
    await page.getByRole('textbox', { name: /^Template description/ }).fill('Monthly manager review, made by the end-to-end journey');
    await expect(page.getByText('Sent as P2W (ISO 8601).')).toBeVisible();
    await expectAccessibleAtRest(page, 'template editor');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('radio', { name: /^Manager/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill(`E2E ${suffix} review %B %Y`);
    await page.getByRole('textbox', { name: /^Description/ }).fill('Generated on %d %B %Y');
    await expect(page.getByRole('region', { name: 'Preview if generated now' })).toContainText(`E2E ${suffix} review`);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByLabel('Request body')).toContainText('"deadlineDuration": "P2W"');
    await page.getByRole('button', { name: 'Create template' }).click();
    await expect(page.getByRole('heading', { level: 1, name: templateName })).toBeVisible();
    await expect(page.getByText(/Not scheduled/)).toBeVisible();

    // Schedule: monthly on the last day at 09:00 (the defaults), in Europe/Berlin.
    await expect(page.getByRole('combobox', { name: 'Repeats' })).toHaveText('Monthly');
    await expect(page.getByRole('radio', { name: 'The last day', exact: true })).toBeChecked();
    await expect(page.getByRole('textbox', { name: /^Hour of the day/ })).toHaveValue('9');
    const zone = page.getByRole('combobox', { name: 'Time zone (IANA)' });
    await zone.fill('Europe/Berlin');
    await page.getByRole('option', { name: 'Europe/Berlin', exact: true }).click();
    const json = JSON.parse(await page.getByRole('textbox', { name: 'Schedule JSON (sent to ISC)' }).inputValue()) as unknown;
    expect(json).toEqual({ type: 'MONTHLY', hours: { type: 'LIST', values: ['9'] }, days: { type: 'LIST', values: ['L'] }, timeZoneId: 'Europe/Berlin' });

    // The next five runs, as the table shows them, against the dates worked out by hand.
    const now = new Date(await page.evaluate(() => Date.now()));
    const expected = expectedMonthEnds(now);
    const table = page.getByRole('table', { name: 'Next runs (Europe/Berlin)' });
    const rows = table.getByRole('row');
    for (let i = 0; i < 5; i++) {
      const row = rows.nth(i + 1);
      await expect(row.locator('time')).toHaveAttribute('datetime', expected[i]!.iso);
      await expect(row.locator('time')).toContainText('09:00');
      await expect(row).toContainText(`E2E ${suffix} review ${expected[i]!.month} ${expected[i]!.year}`);
    }
    await page.getByRole('button', { name: 'Set schedule' }).click();
    await expect(page.getByText('Scheduled: Monthly on the last day at 09:00 (Europe/Berlin).')).toBeVisible();
    await expectAccessibleAtRest(page, 'template page with the schedule studio');

    // Generate now: the preview, then the campaign followed to STAGED and its preflight.
    await page.getByRole('button', { name: 'Generate now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Generate a campaign now' });
    const month = MONTHS[new Date(await page.evaluate(() => Date.now())).getUTCMonth()]!;
    const resolved = new RegExp(`E2E ${suffix} review ${month} \\d{4}`);
    await expect(dialog).toContainText(resolved);
    await expectAccessibleAtRest(page, 'generate dialog');
    await dialog.getByRole('button', { name: 'Generate campaign' }).click();
    await expect(dialog.getByText('is generated and staged.')).toBeVisible({ timeout: 30_000 });
    const campaignName = (await dialog.locator('strong').first().textContent())!;
    expect(campaignName).toMatch(resolved);
    await dialog.getByRole('link', { name: 'Open preflight' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f]{32}\/preflight$/);

    // The campaign is in the list, STAGED ("Preview ready"), with the resolved name.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('textbox', { name: 'Name starts with' }).fill(`E2E ${suffix}`);
    const campaignRow = page.getByRole('grid', { name: 'Campaigns' }).getByRole('row').filter({ hasText: campaignName });
    await expect(campaignRow).toContainText('Preview ready');

    // Back to the template: the calendar shows its next generation, then the schedule is deleted.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('link', { name: 'Cadence calendar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Cadence calendar' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Waiting in STAGED' })).toBeVisible();
    if (new Date(expected[0]!.iso).getMonth() !== new Date().getMonth()) await page.getByRole('button', { name: 'Next month' }).click();
    await expect(page.getByRole('gridcell', { name: new RegExp(`E2E ${suffix} review`) }).first()).toBeVisible();
    await expectAccessibleAtRest(page, 'cadence calendar');
    await page.getByRole('link', { name: new RegExp(`E2E ${suffix} review`) }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: templateName })).toBeVisible();
    await page.getByRole('button', { name: 'Delete schedule' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the schedule?' });
    await expectAccessibleAtRest(page, 'delete schedule dialog');
    await confirm.getByRole('button', { name: 'Delete schedule' }).click();
    await expect(page.getByText(/Not scheduled/)).toBeVisible();
  });
});
