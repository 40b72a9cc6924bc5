import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleAtRest, gotoInApp, openApp } from './fixtures';

/**
 * Sign-off summarises from one call (getIdentityDecisionSummary), not by reloading every item; once signed,
 * the certification is under Completed and read-only.
 */

async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
      const response = await fetch(`/v3${path}`, {
        method,
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  );
}

test('sign-off shows the tenant’s decision summary, then the certification is read-only under Completed', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page, '/certifications?sandboxLatency=0');
  const certs = await api<{ id: string; name: string; decisionsMade: number; decisionsTotal: number }[]>(page, 'GET', '/certifications?reviewer-identity=me&filters=phase%20eq%20%22ACTIVE%22');
  const cert = [...certs].sort((a, b) => a.decisionsTotal - b.decisionsTotal)[0]!;
  // Everything but one item decided through the API: two revoked (with comments), the rest approved.
  const undecided: { id: string }[] = [];
  for (let offset = 0; offset < cert.decisionsTotal; offset += 250) {
    undecided.push(...(await api<{ id: string }[]>(page, 'GET', `/certifications/${cert.id}/access-review-items?limit=250&offset=${offset}&filters=completed%20eq%20false`)));
  }
  expect(undecided.length).toBeGreaterThan(3);
  const [last, ...rest] = undecided;
  const decisions = rest.map((item, i) => (i < 2 ? { id: item.id, decision: 'REVOKE', bulk: true, comments: 'Not needed' } : { id: item.id, decision: 'APPROVE', bulk: true, comments: 'Still needed' }));
  for (let i = 0; i < decisions.length; i += 250) await api(page, 'POST', `/certifications/${cert.id}/decide`, decisions.slice(i, i + 250));

  // The last item is decided in the workspace, from its details pane.
  await gotoInApp(page, `/certifications/${cert.id}`);
  await expect(page.getByRole('heading', { level: 1, name: cert.name })).toBeVisible({ timeout: 30_000 });
  const grid = page.getByRole('grid', { name: 'Access review items' });
  await grid.locator(`[role="row"][data-id="${last!.id}"]`).getByRole('button', { name: /^Details / }).click();
  const pane = page.getByRole('dialog').filter({ has: page.getByRole('region', { name: 'Decision' }) });
  await pane.getByRole('button', { name: 'Approve' }).click();
  // This campaign asks for a comment on every decision: the pane's approval asks for it too.
  const comment = page.getByRole('dialog', { name: 'Approve 1 item' });
  await expect(comment).toBeVisible();
  await comment.getByRole('textbox', { name: /Comment/ }).fill('Still needed');
  await comment.getByRole('button', { name: 'Approve' }).click();
  await expect(pane.getByRole('region', { name: 'Decision' }).getByText('Approved', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();

  // Sign off opens once the tenant has every decision; the summary is one call, no item is reloaded.
  const signOff = page.getByRole('button', { name: 'Sign off' });
  await expect(signOff).toBeEnabled({ timeout: 30_000 });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await signOff.click();
  const dialog = page.getByRole('dialog', { name: 'Sign off this certification?' });
  const summary = await api<Record<string, number>>(page, 'GET', `/certifications/${cert.id}/decision-summary`);
  const sum = (...keys: string[]) => keys.reduce((n, k) => n + (summary[k] ?? 0), 0);
  const approved = sum('entitlementsApproved', 'accessProfilesApproved', 'rolesApproved', 'accountsApproved');
  const revoked = sum('entitlementsRevoked', 'accessProfilesRevoked', 'rolesRevoked', 'accountsRevoked');
  expect(revoked).toBeGreaterThanOrEqual(2);
  await expect(dialog.getByText(`You approved ${approved.toLocaleString('en-US')} and revoked ${revoked.toLocaleString('en-US')} of ${cert.decisionsTotal.toLocaleString('en-US')} items.`, { exact: false })).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Decisions by access type' })).toBeVisible();
  expect(requests.filter((p) => p.endsWith('/decision-summary')).length).toBeGreaterThanOrEqual(1);
  expect(requests.filter((p) => p.endsWith('/access-review-items')), 'no item is reloaded for the summary').toEqual([]);
  await expectAccessibleAtRest(page, 'the sign-off dialog');

  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);

  // Completed lists it; opened from there it is read-only.
  await page.goto('/certifications/completed');
  const completed = page.getByRole('grid', { name: 'Completed certifications' });
  await completed.getByRole('link', { name: cert.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: cert.name })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Access review items' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Approve / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Details / }).first()).toBeVisible();
});
