import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleAtRest } from '../e2e/fixtures';

/**
 * The production path: nginx (deploy/attest.conf.template) in front of a tenant build and the local HTTP
 * tenant; sign-in through the tenant's login with PKCE; a short review to sign-off.
 */

const SPOT_CHECK = /Privileged Sales Access Spot Check: Morgan Reyes/;

test('nginx sends the security headers, caches hashed assets for a year and index.html never, compresses, and ships no sandbox', async ({ request }) => {
  const page = await request.get('/certifications/some-id');
  expect(page.status()).toBe(200);
  const headers = page.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("base-uri 'none'");
  expect(headers['content-security-policy']).toContain("connect-src 'self'");
  expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['cache-control']).toBe('no-cache');
  const html = await page.text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script

  const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const asset = await request.get(script, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(asset.headers()['content-encoding']).toBe('gzip');
  expect(asset.headers()['content-security-policy']).toBeTruthy();
  expect((await request.get(`${script}.map`)).status()).toBe(404);

  // The sandbox's worker is not in a tenant build: the address falls back to the app's page.
  const worker = await request.get('/mockServiceWorker.js');
  expect(worker.headers()['content-type']).toContain('text/html');

  // The two proxy rules reach the tenant.
  expect((await request.get('/oauth/info')).status()).toBe(200);
  expect((await request.get('/v3/certifications')).status()).toBe(401);
});

async function signInWithTenantLogin(page: Page, persona: string) {
  await page.getByRole('button', { name: 'Sign in with your organization’s login' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the sandbox tenant' })).toBeVisible();
  await page.getByRole('button', { name: `Sign in as ${persona}` }).click();
}

test('a reviewer signs in with the tenant login (PKCE) through nginx and completes a short review', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });

  await page.goto('/certifications');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcertifications/);
  await expect(page.getByRole('heading', { name: 'Sign in to Attest' })).toBeVisible();
  await expectAccessible(page, 'sign-in page with the tenant login');
  await signInWithTenantLogin(page, 'Morgan Reyes (manager)');

  // Back from the login page: the code was exchanged with the verifier; no secret was ever asked for.
  const list = page.getByRole('grid', { name: 'Active certifications' });
  await expect(list).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).pathname).toBe('/certifications');
  const session = await page.evaluate(() => JSON.parse(sessionStorage.getItem('attest.session') ?? 'null') as { refreshToken?: string; name: string } | null);
  expect(session?.name).toBe('Morgan Reyes');
  expect(session?.refreshToken).toBeTruthy();
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('refresh');

  // A short review: one revocation and the rest approved, every decision with the comment the campaign requires.
  await list.getByRole('link', { name: SPOT_CHECK }).click();
  await expect(page.getByRole('heading', { level: 1, name: SPOT_CHECK })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Access review items' });
  await expect(grid).toBeVisible();
  await expectAccessibleAtRest(page, 'workspace on the production path');

  const revoke = grid.getByRole('button', { name: /^Revoke / }).first();
  await revoke.click();
  const revokeDialog = page.getByRole('dialog', { name: 'Revoke 1 item' });
  await revokeDialog.getByRole('textbox', { name: 'Comment' }).fill('Not needed any more.');
  await revokeDialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(revokeDialog).toBeHidden();

  await page.getByRole('button', { name: 'Undecided', exact: true }).click();
  await page.getByRole('button', { name: 'Approve all matching…' }).click();
  const bulk = page.getByRole('dialog', { name: /^Approve [\d,]+ items?$/ });
  await bulk.getByRole('checkbox', { name: /^Also approve the [\d,]+ high-risk items/ }).check();
  await bulk.getByRole('textbox', { name: 'Comment' }).fill('Confirmed with the region lead.');
  await bulk.getByRole('button', { name: /^Approve [\d,]+ items?$/ }).click();
  await expect(bulk).toBeHidden();

  const signOff = page.getByRole('button', { name: 'Sign off', exact: true });
  await expect(signOff).toBeEnabled({ timeout: 30_000 });
  await signOff.click();
  const confirmation = page.getByRole('dialog', { name: 'Sign off this certification?' });
  await expect(confirmation).toContainText(/revoked 1 of/);
  await confirmation.getByRole('button', { name: 'Sign off', exact: true }).click();
  await expect(page.getByText(/This certification is complete and read-only\./)).toBeVisible({ timeout: 30_000 });

  // Sign-out forgets the tokens and ends the tenant's session at its logout page.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Signed out of the sandbox tenant' })).toBeVisible();
  await page.goto('/certifications');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => sessionStorage.getItem('attest.session'))).toBeNull();

  expect(violations).toEqual([]);
});

test('an expired session signs in again in a pop-up over the page, which keeps what was typed', async ({ page, context }) => {
  await page.goto('/certifications');
  await signInWithTenantLogin(page, 'Morgan Reyes (manager)');
  await page.getByRole('grid', { name: 'Active certifications' }).getByRole('link').first().click();
  const search = page.getByLabel('Search access');
  await expect(search).toBeVisible();

  // The tenant stops honouring the session: API calls answer 401 and the refresh token is refused.
  await page.route('**/v3/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":"JWT validation failed: JWT is expired"}' }));
  await page.route('**/oauth/token', (route) => route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":"invalid_grant"}' }));
  await search.fill('VPN');
  const dialog = page.getByRole('dialog', { name: 'Your session expired' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expectAccessibleAtRest(page, 'session-expired dialog');
  await page.unrouteAll();

  const popupPromise = context.waitForEvent('page');
  await dialog.getByRole('button', { name: 'Sign in with your organization’s login' }).click();
  const popup = await popupPromise;
  await popup.getByRole('button', { name: 'Sign in as Morgan Reyes (manager)' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  // The page never left: what was typed is still there.
  await expect(search).toHaveValue('VPN');
  await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible();
});
