import { expect, test } from '@playwright/test';
import { expectAccessible, expectAccessibleAtRest, openApp, switchPersona } from './fixtures';

test.describe('Attest on its sandbox', () => {
  // One sandbox boot per journey: the steps that start from the manager's list share it (each step is
  // reported on its own, and asserts what its own test did).
  test('the manager’s list: active and completed certifications, the other theme, and a certification’s header', async ({ page }) => {
    await openApp(page);
    await test.step('the manager sees their active certifications, with due dates and progress', async () => {
      await expect(page.getByRole('button', { name: /Acting as: Morgan Reyes/ })).toBeVisible();
      const grid = page.getByRole('grid', { name: 'Active certifications' });
      await expect(grid.getByRole('link').first()).toBeVisible();
      expect(await grid.getByRole('link').count()).toBeGreaterThanOrEqual(3);
      await expect(grid.getByText(/^Overdue/).first()).toBeVisible();
      await expect(grid.getByText(/ decisions$/).first()).toBeVisible();
      await expectAccessible(page, 'active certifications');
    });

    await test.step('Completed shows signed certifications', async () => {
      await page.getByRole('tab', { name: 'Completed' }).click();
      await expect(page).toHaveURL(/\/certifications\/completed$/);
      const grid = page.getByRole('grid', { name: 'Completed certifications' });
      await expect(grid.getByRole('link').first()).toBeVisible();
      await expect(grid.getByText('Signed', { exact: true }).first()).toBeVisible();
      await expectAccessible(page, 'completed certifications');
      await page.getByRole('tab', { name: 'Active' }).click();
      await expect(page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first()).toBeVisible();
    });

    await test.step('the dark theme is accessible too', async () => {
      await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
      // Move the pointer off the toggle so its tooltip fades out, and judge the page at rest.
      await page.mouse.move(700, 600);
      await expect(page.getByRole('tooltip')).toHaveCount(0);
      await expect(page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first()).toBeVisible();
      await expectAccessibleAtRest(page, 'certifications in the other theme');
      await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
      await page.mouse.move(700, 600);
      await expect(page.getByRole('tooltip')).toHaveCount(0);
    });

    await test.step('a certification opens with its header facts', async () => {
      const link = page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first();
      const name = (await link.textContent())!;
      await link.click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.getByText('Reviewer', { exact: true }).locator('..')).toContainText('Morgan Reyes');
      await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible();
      await expectAccessibleAtRest(page, 'certification page');
    });
  });

  test('switching persona changes what is visible, admin areas appear for admins only, and a reload keeps the persona and the sandbox’s state', async ({ page }) => {
    await openApp(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Campaigns' })).toHaveCount(0);
    const managerFirst = await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first().textContent();

    await switchPersona(page, /Priya Shah/);
    const grid = page.getByRole('grid', { name: 'Active certifications' });
    await expect(grid.getByText('0 of 10,000 decisions').or(grid.getByText(/of 10,000 decisions/)).first()).toBeVisible();
    await expect(grid.getByRole('link', { name: managerFirst! })).toHaveCount(0);

    await test.step('a reload keeps the persona and the sandbox’s state', async () => {
      await expect(grid.getByText(/of 10,000 decisions/)).toBeVisible();
      // Decide 3 items of the 10,000-item certification through the API, as the signed-in reviewer.
      const made = await page.evaluate(async () => {
        const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
        const headers = { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' };
        const certs = (await (await fetch('/v3/certifications?reviewer-identity=me&filters=phase%20eq%20%22ACTIVE%22', { headers })).json()) as { id: string; decisionsTotal: number; decisionsMade: number }[];
        const big = certs.find((c) => c.decisionsTotal === 10000)!;
        const items = (await (await fetch(`/v3/certifications/${big.id}/access-review-items?limit=3&filters=completed%20eq%20false`, { headers })).json()) as { id: string }[];
        const response = await fetch(`/v3/certifications/${big.id}/decide`, {
          method: 'POST',
          headers,
          body: JSON.stringify(items.map((i) => ({ id: i.id, decision: 'APPROVE', bulk: false, comments: 'Still needed for payroll' }))),
        });
        return ((await response.json()) as { decisionsMade: number }).decisionsMade;
      });
      await page.reload();
      await expect(page.getByRole('button', { name: /Acting as: Priya Shah/ })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('grid', { name: 'Active certifications' }).getByText(`${made.toLocaleString('en-US')} of 10,000 decisions`)).toBeVisible();
    });

    await switchPersona(page, /Chen Wei/);
    await nav.getByRole('link', { name: 'Campaigns' }).click();
    const campaigns = page.getByRole('grid', { name: 'Campaigns' });
    await expect(campaigns.getByRole('row').nth(1)).toBeVisible();
    await expectAccessible(page, 'campaigns');
  });

  test('unknown addresses get a not-found page', async ({ page }) => {
    await openApp(page, '/nowhere');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectAccessible(page, 'not found');
  });

  test('the sign-in page for real tenants is accessible', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in to Attest' })).toBeVisible();
    await expectAccessible(page, 'sign-in');
  });
});
