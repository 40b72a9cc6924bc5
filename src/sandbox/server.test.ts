// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenantServer, type TenantServer } from './server';

/** `npm run tenant`: the sandbox over real HTTP, as Attest's proxy reaches it. */
describe('the local HTTP tenant', () => {
  let server: TenantServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'attest-server-'));
    server = await startTenantServer({ port: 0, stateFile: join(dir, 'state.ndjson') });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function token(clientId: string, clientSecret = 'sandbox'): Promise<Response> {
    return fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
  }

  it('listens on a loopback port and issues a persona its token at /oauth/token; a wrong secret gets 401', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await token('sandbox-manager');
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { access_token: string; token_type: string; identity_id: string };
    expect(body.token_type).toBe('bearer');
    expect(body.access_token.split('.')).toHaveLength(3);

    const refused = await token('sandbox-manager', 'wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers a v3 call with the signed-in reviewer\'s certifications and X-Total-Count; without a token, 401', async () => {
    const { access_token } = (await (await token('sandbox-manager')).json()) as { access_token: string };
    const reply = await fetch(`${server.url}/v3/certifications?limit=2&count=true`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/application\/json/);
    expect(Number(reply.headers.get('x-total-count'))).toBeGreaterThan(0);
    const certifications = (await reply.json()) as { name: string }[];
    expect(certifications.length).toBeGreaterThan(0);
    expect(certifications.length).toBeLessThanOrEqual(2);
    expect(certifications[0]!.name).toMatch(/Morgan Reyes/);

    expect((await fetch(`${server.url}/v3/certifications`)).status).toBe(401);
  });

  it("applies ISC's rate limit per client: calls beyond 100 within 10 s get 429 with Retry-After, another client does not", async () => {
    const { access_token } = (await (await token('sandbox-source-owner')).json()) as { access_token: string };
    const headers = { Authorization: `Bearer ${access_token}` };
    // All at once: quicker than one by one, so they surely fall within one 10 s window on a loaded machine.
    const replies = await Promise.all(Array.from({ length: 105 }, () => fetch(`${server.url}/v3/certifications?limit=1`, { headers })));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const limited = replies.find((r) => r.status === 429)!;
    expect(await limited.json()).toMatchObject({ message: expect.stringMatching(/Rate Limit Exceeded/) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);

    const { access_token: other } = (await (await token('sandbox-cert-admin')).json()) as { access_token: string };
    expect((await fetch(`${server.url}/v3/certifications?limit=1`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(200);

    const stats = (await (await fetch(`${server.url}/__tenant/stats`)).json()) as { rateLimited: number };
    expect(stats.rateLimited).toBeGreaterThanOrEqual(1);
  });
});
