import { expect, test, type Page } from '@playwright/test';
import { openApp } from './fixtures';

/**
 * The sandbox as a tenant a browser shares: it keeps answering a tab after "Stay" on the leave prompt,
 * every tab sees one tenant, and its test controls (faults, audit) work from the page.
 */

interface Item {
  id: string;
  decision: string | null;
  completed: boolean;
}

/** Calls the sandbox's API from the page with the signed-in session's token: status and body. */
function api(page: Page, path: string, init: { method?: string; body?: unknown } = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const session = JSON.parse(sessionStorage.getItem('attest.session')!) as { accessToken: string };
      try {
        const response = await fetch(path, {
          method: init.method ?? 'GET',
          headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: the static server's page, say
        }
        return { status: response.status, body };
      } catch (error) {
        return { status: 0, body: String(error) };
      }
    },
    { path, init },
  );
}

/** One of the signed-in manager's active certifications that needs no comments, with its first undecided items. */
async function managerWork(page: Page, count: number) {
  const certs = await api(page, '/v3/certifications?reviewer-identity=me&filters=' + encodeURIComponent('phase eq "ACTIVE"'));
  expect(certs.status).toBe(200);
  expect(certs.body, 'the sandbox answered (not the static server)').toEqual(expect.any(Array));
  const cert = (certs.body as { id: string; campaign: { mandatoryCommentRequirement: string }; decisionsMade: number; decisionsTotal: number }[]).find(
    (c) => c.campaign.mandatoryCommentRequirement === 'NO_DECISIONS' && c.decisionsTotal - c.decisionsMade >= count,
  );
  expect(cert, 'the manager has an active certification without comment rules').toBeDefined();
  const items = await api(page, `/v3/certifications/${cert!.id}/access-review-items?limit=${count}&filters=${encodeURIComponent('completed eq false')}`);
  expect(items.status).toBe(200);
  return { certificationId: cert!.id, items: items.body as Item[] };
}

async function itemsById(page: Page, certificationId: string, ids: string[]) {
  const filter = `id in (${ids.map((id) => `"${id}"`).join(',')})`;
  const reply = await api(page, `/v3/certifications/${certificationId}/access-review-items?limit=250&filters=${encodeURIComponent(filter)}`);
  expect(reply.status).toBe(200);
  return reply.body as Item[];
}

test.describe('the sandbox in the browser', () => {
  test('keeps answering after "Stay" on the leave prompt', async ({ page }) => {
    // The list's accessibility is checked in certifications.spec.ts, on this same first page.
    await openApp(page, '/certifications?sandboxLatency=0');
    await page.evaluate(() =>
      window.addEventListener('beforeunload', (event) => {
        event.preventDefault();
        event.returnValue = '';
      }),
    );
    // Chrome asks only on pages the person has interacted with.
    await page.getByRole('grid', { name: 'Active certifications' }).click();
    const prompted = new Promise<string>((resolve) =>
      page.once('dialog', async (dialog) => {
        resolve(dialog.type());
        await dialog.dismiss(); // "Stay"
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await prompted).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);

    // The very next call is answered by the sandbox, not by the static server.
    const { certificationId, items } = await managerWork(page, 1);
    const decided = await api(page, `/v3/certifications/${certificationId}/decide`, { method: 'POST', body: [{ id: items[0]!.id, decision: 'APPROVE', bulk: false }] });
    expect(decided.status).toBe(200);
    // And the tab is still the app's: navigating in it works, with data.
    await page.getByRole('tab', { name: 'Completed' }).click();
    await expect(page.getByRole('grid', { name: 'Completed certifications' }).getByRole('link').first()).toBeVisible();
    // A second cancelled unload is survived too.
    const again = new Promise<void>((resolve) => page.once('dialog', (dialog) => void dialog.dismiss().then(resolve)));
    await page.close({ runBeforeUnload: true });
    await again;
    expect((await api(page, '/v3/certifications?limit=1')).status).toBe(200);
  });

  test('every tab of a browser sees one tenant: decisions, the audit and a reset', async ({ context }) => {
    const first = await context.newPage();
    const second = await context.newPage();
    await openApp(first, '/certifications?sandboxLatency=0');
    await openApp(second, '/certifications?sandboxLatency=0');
    const { certificationId, items } = await managerWork(first, 3);
    const ids = items.map((i) => i.id);
    // The second tab has read these items already (its indexes are built).
    expect((await itemsById(second, certificationId, ids)).every((i) => !i.completed)).toBe(true);

    const decided = await api(first, `/v3/certifications/${certificationId}/decide`, {
      method: 'POST',
      body: items.map((i, n) => ({ id: i.id, decision: n === 0 ? 'REVOKE' : 'APPROVE', bulk: true })),
    });
    expect(decided.status).toBe(200);
    await expect.poll(async () => (await itemsById(second, certificationId, ids)).map((i) => i.decision).sort()).toEqual(['APPROVE', 'APPROVE', 'REVOKE']);

    // Both tabs read the same audit, with who decided.
    const audit = (page: Page) => page.evaluate((id) => window.attestSandbox!.audit({ certificationId: id }), certificationId);
    const seen = await audit(second);
    expect(seen.map((r) => [r.itemId, r.decision, r.bulk, r.actorName])).toEqual(items.map((i, n) => [i.id, n === 0 ? 'REVOKE' : 'APPROVE', true, 'Morgan Reyes']));
    expect(await audit(first)).toEqual(seen);

    // The second tab's change reaches the first.
    expect((await api(second, `/v3/certifications/${certificationId}/decide`, { method: 'POST', body: [{ id: ids[0], decision: 'APPROVE', bulk: false }] })).status).toBe(200);
    await expect.poll(async () => (await itemsById(first, certificationId, [ids[0]!]))[0]!.decision).toBe('APPROVE');

    // A reset in one tab is a reset in all.
    await first.evaluate(() => window.attestSandbox!.reset());
    await expect.poll(async () => (await itemsById(second, certificationId, ids)).filter((i) => i.completed).length).toBe(0);
    expect(await audit(second)).toEqual([]);
  });

  test('faults from the page: a lost reply is applied, a probable 503 hits about as often as asked', async ({ page }) => {
    await openApp(page, '/certifications?sandboxLatency=0');
    const { certificationId, items } = await managerWork(page, 2);
    await page.evaluate(() => window.attestSandbox!.injectFault({ fault: 'lost-reply', times: 1, operationId: 'makeIdentityDecision' }));
    const lost = await api(page, `/v3/certifications/${certificationId}/decide`, { method: 'POST', body: [{ id: items[0]!.id, decision: 'REVOKE', bulk: false }] });
    expect(lost.status).toBe(0); // the connection dropped: fetch failed
    expect((await itemsById(page, certificationId, [items[0]!.id]))[0]!.decision).toBe('REVOKE');
    expect((await page.evaluate((id) => window.attestSandbox!.audit({ certificationId: id }), certificationId)).map((r) => r.itemId)).toEqual([items[0]!.id]);

    await page.evaluate(() => {
      window.attestSandbox!.setRateLimit(false);
      window.attestSandbox!.injectFault({ fault: 503, probability: 0.2, operationId: 'getIdentityCertification' });
    });
    let unavailable = 0;
    for (let n = 0; n < 200; n++) if ((await api(page, `/v3/certifications/${certificationId}`)).status === 503) unavailable++;
    // Binomial(200, 0.2): 40 ± 6.
    expect(unavailable).toBeGreaterThan(15);
    expect(unavailable).toBeLessThan(70);
    await page.evaluate(() => window.attestSandbox!.clearFaults());
    expect((await api(page, `/v3/certifications/${certificationId}`)).status).toBe(200);
  });
});
