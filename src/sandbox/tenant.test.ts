// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { setupSandbox, TEST_BASE_URL } from '../../test/sandbox-harness';
import { base64UrlEncode } from '../api/jwt';
import { call, configureClient, getClientConfig } from '../api/http';
import {
  getIdentityCertification,
  listIdentityAccessReviewItems,
  listIdentityCertifications,
  makeIdentityDecision,
} from '../api/certifications';
import { failure } from '../../test/expect-api';
import { memoryPersistence } from './persistence';
import { PERSONAS } from './seed';
import { SandboxTenant } from './tenant';

/** Runs `fn` with some client settings changed, then puts them back. */
async function withClient<T>(changes: Parameters<typeof configureClient>[0], fn: () => Promise<T>): Promise<T> {
  const before = { ...getClientConfig() };
  configureClient(changes);
  try {
    return await fn();
  } finally {
    configureClient(before);
  }
}

describe('the sandbox tenant', () => {
  const sb = setupSandbox();

  /** An ACTIVE certification of the signed-in manager, with its first undecided item. */
  async function managerWork() {
    const { items } = await listIdentityCertifications({ reviewerIdentity: 'me', filters: { kind: 'compare', field: 'phase', op: 'eq', value: 'ACTIVE' } });
    const cert = items.find((c) => (c.decisionsTotal ?? 0) > (c.decisionsMade ?? 0));
    expect(cert, 'the seed gives the manager an ACTIVE certification with work left').toBeDefined();
    const { items: reviewItems } = await listIdentityAccessReviewItems(cert!.id!, { limit: 1, filters: { kind: 'compare', field: 'completed', op: 'eq', value: false } });
    return { cert: cert!, item: reviewItems[0]! };
  }

  describe('authentication', () => {
    it('answers 401 without a token', async () => {
      sb.token = null;
      const error = await failure(listIdentityCertifications());
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/JWT validation failed: no authorization header/);
    });

    it('answers 401 once the token has expired', async () => {
      await expect(listIdentityCertifications()).resolves.toBeDefined();
      sb.clock.advance(12 * 3600 * 1000 + 1000);
      const error = await failure(listIdentityCertifications());
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/JWT is expired/);
    });

    it('answers 401 for a garbage token and for a token of no identity of the tenant', async () => {
      sb.token = 'garbage';
      expect((await failure(listIdentityCertifications())).status).toBe(401);
      sb.token = 'a.b.c';
      expect((await failure(listIdentityCertifications())).status).toBe(401);
      const claims = base64UrlEncode(JSON.stringify({ identity_id: 'nobody-here', exp: 9_999_999_999 }));
      sb.token = `${base64UrlEncode('{"alg":"none"}')}.${claims}.x`;
      const error = await failure(listIdentityCertifications());
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/not valid for this tenant/);
    });

    it('issues working tokens at /oauth/token for a persona, and refuses a wrong secret', async () => {
      const tokenUrl = new URL('/oauth/token', TEST_BASE_URL).toString();
      const ok = await fetch(tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-manager', client_secret: 'sandbox' }).toString(),
      });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { access_token: string; identity_id: string };
      expect(body.identity_id).toBe(sb.persona('manager').identityId);
      sb.token = body.access_token;
      await expect(listIdentityCertifications({ reviewerIdentity: 'me' })).resolves.toBeDefined();

      const wrong = await fetch(tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-manager', client_secret: 'nope' }),
      });
      expect(wrong.status).toBe(401);
    });
  });

  it('answers 404 for an unknown route', async () => {
    const error = await failure(call({ operationId: 'noSuchOperation', method: 'GET', path: '/no-such-thing', schema: null }));
    expect(error.status).toBe(404);
    expect(error.detailCode).toBe('404 Not found');
    expect(error.message).toMatch(/No operation GET \/v3\/no-such-thing/);
    const wrongMethod = await failure(call({ operationId: 'deleteCertification', method: 'DELETE', path: '/certifications/x', schema: null }));
    expect(wrongMethod.status).toBe(404);
  });

  describe('faults', () => {
    it('injected 503s are retried by reads, which then succeed', async () => {
      sb.tenant.injectFault({ fault: 503, times: 2, operationId: 'listIdentityCertifications' });
      const page = await listIdentityCertifications({ reviewerIdentity: 'me' });
      expect(page.items.length).toBeGreaterThan(0);
      expect(sb.tenant.faults).toHaveLength(0);
    });

    it('a read gives up after its attempts when the 503s go on', async () => {
      sb.tenant.injectFault({ fault: 503, times: 10, operationId: 'listIdentityCertifications' });
      const error = await failure(listIdentityCertifications());
      expect(error.status).toBe(503);
      expect(error.message).toMatch(/Injected fault/);
      expect(sb.tenant.faults[0]!.times).toBe(10 - getClientConfig().maxAttempts);
    });

    it('a fault for one operation leaves the others alone', async () => {
      const { cert } = await managerWork();
      sb.tenant.injectFault({ fault: 500, times: 1, operationId: 'makeIdentityDecision' });
      await expect(getIdentityCertification(cert.id!)).resolves.toMatchObject({ id: cert.id });
      expect(sb.tenant.faults).toHaveLength(1);
    });

    it('a 503 on a decision is not retried and nothing is applied', async () => {
      const { cert, item } = await managerWork();
      sb.tenant.injectFault({ fault: 503, times: 1, operationId: 'makeIdentityDecision' });
      const error = await failure(makeIdentityDecision(cert.id!, [{ id: item.id!, decision: 'APPROVE', bulk: false }]));
      expect(error.status).toBe(503);
      expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(cert.decisionsMade);
      // The caller can send it again, and then it is applied once.
      const updated = await makeIdentityDecision(cert.id!, [{ id: item.id!, decision: 'APPROVE', bulk: false }]);
      expect(updated.decisionsMade).toBe(cert.decisionsMade! + 1);
    });

    it('a dropped connection on a POST surfaces a network ApiError and is not retried', async () => {
      const { cert, item } = await managerWork();
      sb.tenant.injectFault({ fault: 'drop', times: 2, operationId: 'makeIdentityDecision' });
      const error = await failure(makeIdentityDecision(cert.id!, [{ id: item.id!, decision: 'REVOKE', bulk: false }]));
      expect(error.kind).toBe('network');
      expect(error.operationId).toBe('makeIdentityDecision');
      // Only one request was sent: one of the two drops is still waiting.
      expect(sb.tenant.faults).toEqual([expect.objectContaining({ fault: 'drop', times: 1 })]);
      expect((await getIdentityCertification(cert.id!)).decisionsMade).toBe(cert.decisionsMade);
    });

    it('a dropped connection on a read is retried', async () => {
      sb.tenant.injectFault({ fault: 'drop', times: 1, operationId: 'listIdentityCertifications' });
      await expect(listIdentityCertifications({ reviewerIdentity: 'me' })).resolves.toMatchObject({ items: expect.any(Array) });
      expect(sb.tenant.faults).toHaveLength(0);
    });
  });
});

describe('the sandbox tenant with ISC rate limiting', () => {
  const sb = setupSandbox({ rateLimit: true });

  it('answers the 101st request in 10 s with 429 and Retry-After; the client waits and succeeds', async () => {
    const started = sb.clock.now();
    await withClient({ maxAttempts: 1 }, async () => {
      for (let i = 0; i < 100; i++) {
        sb.clock.advance(10); // 100 requests within one second
        await listIdentityCertifications({ limit: 1 });
      }
      const error = await failure(listIdentityCertifications({ limit: 1 }));
      expect(error.status).toBe(429);
      expect(error.messages).toEqual(['Rate Limit Exceeded']);
      // The oldest request (at +10 ms) leaves the 10 s window 9.01 s from now (+1 s): rounded up, 10 s.
      expect(error.retryAfterSeconds).toBe(10);
    });

    const waits: number[] = [];
    await withClient(
      {
        sleep: async (ms) => {
          waits.push(ms);
          sb.clock.advance(ms);
        },
      },
      async () => {
        await expect(listIdentityCertifications({ limit: 1 })).resolves.toMatchObject({ items: expect.any(Array) });
      },
    );
    expect(waits).toEqual([10_000]);
    expect(sb.clock.now() - started).toBeGreaterThanOrEqual(10_000);
  });

  it('keeps a budget per client: another persona is not limited', async () => {
    await withClient({ maxAttempts: 1 }, async () => {
      for (let i = 0; i < 100; i++) await listIdentityCertifications({ limit: 1 });
      expect((await failure(listIdentityCertifications({ limit: 1 }))).status).toBe(429);
      sb.signInAs('cert-admin');
      await expect(listIdentityCertifications({ limit: 1 })).resolves.toBeDefined();
    });
  });
});

describe('injected faults, driven directly', () => {
  /** A tenant of its own whose dice are the given numbers, in turn. */
  async function tenantWithDice(dice: number[] = []) {
    let i = 0;
    const tenant = await SandboxTenant.create({ persistence: memoryPersistence(), rateLimit: null, random: () => dice[i++ % dice.length] ?? 0 });
    const token = tenant.mintToken(PERSONAS.find((p) => p.key === 'manager')!.identityId);
    const send = (path: string, init: RequestInit = {}) =>
      tenant.handle(new Request(`http://attest.test/v3${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } }));
    return { tenant, send };
  }

  it('a fault with a probability hits only when the dice say so, and only hits count down', async () => {
    const { tenant, send } = await tenantWithDice([0.5, 0.19, 0.2, 0.9, 0.05]);
    tenant.injectFault({ fault: 503, times: 2, probability: 0.2, operationId: 'listIdentityCertifications' });
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) statuses.push((await send('/certifications?limit=1')).status);
    // 0.5 miss, 0.19 hit, 0.2 miss (below 0.2 hits), 0.9 miss, 0.05 hit: then the fault is used up.
    expect(statuses).toEqual([200, 503, 200, 200, 503, 200]);
    expect(tenant.faults).toEqual([]);
  });

  it('with a probability and no times, the fault never runs out; ~20 % of requests get it', async () => {
    const tenant = await SandboxTenant.create({ persistence: memoryPersistence(), rateLimit: null });
    tenant.injectFault({ fault: 503, probability: 0.2 });
    let faults = 0;
    for (let n = 0; n < 2000; n++) {
      const response = await tenant.handle(new Request('http://attest.test/v3/certifications'));
      if (response.status === 503) faults++;
      else expect(response.status).toBe(401); // no token: the tenant itself answers
    }
    // Binomial(2000, 0.2): 400 ± 18; outside 300..500 is practically impossible.
    expect(faults).toBeGreaterThan(300);
    expect(faults).toBeLessThan(500);
    expect(tenant.faults).toEqual([expect.objectContaining({ fault: 503, times: Infinity })]);
  });

  it('a miss of the first fault lets a later one hit; faults of other operations are skipped', async () => {
    const { tenant, send } = await tenantWithDice([0.7, 0.7]);
    tenant.injectFault({ fault: 500, times: 1, operationId: 'makeIdentityDecision' });
    tenant.injectFault({ fault: 503, probability: 0.5 });
    tenant.injectFault({ fault: 429, times: 1 });
    expect((await send('/certifications?limit=1')).status).toBe(429);
    expect(tenant.faults.map((f) => f.fault)).toEqual([500, 503]);
  });

  it('lost-reply applies the call (persisted) and drops the connection; times counts calls', async () => {
    const { tenant, send } = await tenantWithDice();
    const manager = PERSONAS.find((p) => p.key === 'manager')!.identityId;
    const cert = tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE')!;
    const [a, b, c] = tenant.store.itemsOf(cert.id).filter((i) => i.decision === null);
    tenant.injectFault({ fault: 'lost-reply', times: 2, operationId: 'makeIdentityDecision' });
    const decide = (id: string) => send(`/certifications/${cert.id}/decide`, { method: 'POST', body: JSON.stringify([{ id, decision: 'REVOKE', bulk: false, comments: 'gone' }]) });

    const lost = await decide(a!.id);
    expect(lost.type).toBe('error');
    expect(tenant.store.get('items', a!.id)).toMatchObject({ decision: 'REVOKE', comments: 'gone' });
    // A read in between is answered: the fault is only for decisions.
    expect((await send(`/certifications/${cert.id}`)).status).toBe(200);
    expect((await decide(b!.id)).type).toBe('error');
    const answered = await decide(c!.id);
    expect(answered.status).toBe(200);
    expect(tenant.faults).toEqual([]);
    expect((await tenant.audit()).map((r) => r.itemId)).toEqual([a!.id, b!.id, c!.id]);

    // A refused call with a lost reply stays refused: nothing applied, nothing audited.
    tenant.injectFault({ fault: 'lost-reply', times: 1, operationId: 'makeIdentityDecision' });
    expect((await decide('no-such-item')).type).toBe('error');
    expect(await tenant.audit()).toHaveLength(3);
  });

  it('refuses a fault it cannot inject', async () => {
    const { tenant } = await tenantWithDice();
    expect(() => tenant.injectFault({ fault: 503, probability: 1.5 })).toThrow(/probability/);
    expect(() => tenant.injectFault({ fault: 503, times: 0 })).toThrow(/times/);
    expect(() => tenant.injectFault({ fault: 200 })).toThrow(/HTTP error status/);
    expect(() => tenant.injectFault({ fault: 'explode' as never })).toThrow(/lost-reply/);
    expect(tenant.faults).toEqual([]);
    tenant.injectFault({ fault: 'drop' });
    expect(tenant.faults).toEqual([{ fault: 'drop', times: 1 }]);
  });
});
