import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { f } from './filters';
import { call, configureClient, path, request } from './http';
import {
  getCertificationTask,
  getIdentityCertification,
  listIdentityAccessReviewItems,
  listIdentityCertifications,
  makeIdentityDecision,
  reassignIdentityCertifications,
  signOffIdentityCertification,
} from './certifications';
import { failure } from '../../test/expect-api';

const BASE = 'https://acme.api.identitynow.test/v3';
const BACKOFF = 100;

type Reply = Response | Error | ((url: string, init: RequestInit) => Response | Promise<Response>);

interface Call {
  url: string;
  init: RequestInit;
  headers: Headers;
}

/** A fake fetch answering from a script, one reply per call; it records every call. */
function fakeFetch(...script: Reply[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init, headers: new Headers(init.headers) });
    if (init.signal?.aborted) throw init.signal.reason;
    const reply = script.length > 1 ? script.shift()! : script[0];
    if (reply === undefined) throw new Error('fake fetch: no reply scripted');
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(url, init);
    return reply.clone();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

const errorDto = (status: number, text: string, detailCode = `${status}.0 Error`) =>
  json({ detailCode, trackingId: 'track-123', messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }], causes: [] }, status);

const CERT = { id: 'c1', name: 'Cert 1', phase: 'ACTIVE', completed: false, decisionsMade: 0, decisionsTotal: 2 };

let sleeps: number[];
let token: string | null;
let unauthorized: ApiError[];

function use(...script: Reply[]) {
  const fake = fakeFetch(...script);
  configureClient({ fetch: fake.fetch });
  return fake.calls;
}

beforeEach(() => {
  sleeps = [];
  token = 'token-abc';
  unauthorized = [];
  configureClient({
    baseUrl: BASE,
    getAccessToken: () => token,
    onUnauthorized: (e) => unauthorized.push(e),
    maxAttempts: 4,
    backoffMs: BACKOFF,
    maxRetryAfterSeconds: 60,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
});

describe('error responses become readable ApiErrors', () => {
  it('maps an ErrorResponseDto: status, detailCode, trackingId and the messages', async () => {
    use(
      json(
        {
          detailCode: '400.1 Bad Request Content',
          trackingId: 'f00dcafe',
          messages: [
            { locale: 'en-US', localeOrigin: 'DEFAULT', text: 'limit must be at most 250; it was 251.' },
            { locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Check the paging.' },
          ],
          causes: [],
        },
        400,
      ),
    );
    const error = await failure(listIdentityCertifications({ limit: 251 }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.operationId).toBe('listIdentityCertifications');
    expect(error.detailCode).toBe('400.1 Bad Request Content');
    expect(error.trackingId).toBe('f00dcafe');
    expect(error.messages).toEqual(['limit must be at most 250; it was 251.', 'Check the paging.']);
    expect(error.message).toBe('limit must be at most 250; it was 251. Check the paging. (400.1 Bad Request Content)');
    expect(error.advice).toMatch(/Check the values/);
    expect(error.isTransient).toBe(false);
  });

  it('403 and 404 keep their ISC detail codes and give advice', async () => {
    use(errorDto(403, 'The server understood the request but refuses to authorize it.', '403 Forbidden'));
    const forbidden = await failure(getIdentityCertification('c1'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toBe('The server understood the request but refuses to authorize it. (403 Forbidden)');
    expect(forbidden.advice).toMatch(/permission/);

    use(errorDto(404, 'Certification with id c9 was not found.', '404 Not found'));
    const missing = await failure(getIdentityCertification('c9'));
    expect(missing.status).toBe(404);
    expect(missing.detailCode).toBe('404 Not found');
    expect(missing.message).toContain('c9 was not found');
  });

  it('an error without messages still names the operation and status', async () => {
    use(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await failure(signOffIdentityCertification('c1'));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.messages).toEqual([]);
    expect(error.message).toBe('signOffIdentityCertification failed (HTTP 502).');
    expect(error.isTransient).toBe(true);
  });

  it('reads the 401 body {error} and tells the app', async () => {
    use(json({ error: 'JWT validation failed: JWT is expired' }, 401));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.status).toBe(401);
    expect(error.messages).toEqual(['JWT validation failed: JWT is expired']);
    expect(error.message).toContain('JWT is expired');
    expect(error.advice).toMatch(/Sign in again/);
    expect(unauthorized).toEqual([error]);
  });

  it('reads the 429 body {message}, trimmed, with Retry-After', async () => {
    configureClient({ maxAttempts: 1 });
    use(json({ message: ' Rate Limit Exceeded ' }, 429, { 'Retry-After': '7' }));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.status).toBe(429);
    expect(error.messages).toEqual(['Rate Limit Exceeded']);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.isTransient).toBe(true);
    expect(unauthorized).toEqual([]);
  });
});

describe('429 Too Many Requests', () => {
  it('waits Retry-After seconds, then retries and succeeds', async () => {
    const calls = use(
      json({ message: 'Rate Limit Exceeded' }, 429, { 'Retry-After': '3' }),
      json({ message: 'Rate Limit Exceeded' }, 429, { 'Retry-After': '1' }),
      json(CERT),
    );
    await expect(getIdentityCertification('c1')).resolves.toMatchObject({ id: 'c1' });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([3000, 1000]);
  });

  it('waits a second when Retry-After is missing', async () => {
    const calls = use(json({ message: 'Rate Limit Exceeded' }, 429), json(CERT));
    await getIdentityCertification('c1');
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('gives up after maxAttempts and throws the 429', async () => {
    const calls = use(json({ message: 'Rate Limit Exceeded' }, 429, { 'Retry-After': '2' }));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.status).toBe(429);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
  });

  it('does not wait for a Retry-After beyond maxRetryAfterSeconds', async () => {
    const calls = use(json({ message: 'Rate Limit Exceeded' }, 429, { 'Retry-After': '61' }));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.retryAfterSeconds).toBe(61);
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a write too: the gateway refused it, so nothing happened', async () => {
    const decisions = [{ id: 'i1', decision: 'APPROVE' as const, bulk: false }];
    const calls = use(json({ message: 'Rate Limit Exceeded' }, 429, { 'Retry-After': '2' }), json(CERT));
    await expect(makeIdentityDecision('c1', decisions)).resolves.toMatchObject({ id: 'c1' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(calls.map((c) => c.init.method)).toEqual(['POST', 'POST']);
    expect(calls.map((c) => JSON.parse(String(c.init.body)))).toEqual([decisions, decisions]);
  });
});

describe('network failures and 5xx', () => {
  it('a read is retried after a network failure with doubling backoff, then succeeds', async () => {
    const calls = use(new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), json(CERT));
    await expect(getIdentityCertification('c1')).resolves.toMatchObject({ id: 'c1' });
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(BACKOFF);
    expect(sleeps[0]).toBeLessThanOrEqual(BACKOFF * 1.25);
    expect(sleeps[1]).toBeGreaterThanOrEqual(BACKOFF * 2);
    expect(sleeps[1]).toBeLessThanOrEqual(BACKOFF * 2.5);
  });

  it('a read gives up after maxAttempts network failures with a network ApiError', async () => {
    const calls = use(new TypeError('Failed to fetch'));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.kind).toBe('network');
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('Could not reach the tenant (getIdentityCertification).');
    expect(error.advice).toMatch(/connection/);
    expect(error.isTransient).toBe(true);
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
    expect(sleeps[2]).toBeGreaterThanOrEqual(BACKOFF * 4);
    expect(sleeps[2]).toBeLessThanOrEqual(BACKOFF * 5);
  });

  it('a read is retried on 5xx, and gives up after maxAttempts', async () => {
    let calls = use(errorDto(503, 'Unavailable', '503 Service Unavailable'), errorDto(500, 'Oops', '500.0 Internal Fault'), json([CERT]));
    await expect(listIdentityCertifications()).resolves.toMatchObject({ items: [{ id: 'c1' }] });
    expect(calls).toHaveLength(2 + 1);

    sleeps = [];
    calls = use(errorDto(500, 'Oops', '500.0 Internal Fault'));
    const error = await failure(listIdentityCertifications());
    expect(error.status).toBe(500);
    expect(error.message).toBe('Oops (500.0 Internal Fault)');
    expect(error.advice).toMatch(/tenant had a problem/);
    expect(calls).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it('a read is not retried on 4xx', async () => {
    const calls = use(errorDto(400, 'Bad filter'), json(CERT));
    await failure(getIdentityCertification('c1'));
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('maxAttempts 1 means no retry at all', async () => {
    configureClient({ maxAttempts: 1 });
    const calls = use(new TypeError('Failed to fetch'), json(CERT));
    await failure(getIdentityCertification('c1'));
    expect(calls).toHaveLength(1);
  });

  const writes: [string, () => Promise<unknown>, string][] = [
    ['POST decide', () => makeIdentityDecision('c1', [{ id: 'i1', decision: 'REVOKE', bulk: false }]), 'POST'],
    ['POST reassign', () => reassignIdentityCertifications('c1', { reassign: [{ id: 'i1', type: 'ITEM' }], reassignTo: 'x', reason: 'r' }), 'POST'],
    ['POST sign-off', () => signOffIdentityCertification('c1'), 'POST'],
    ['PUT', () => call({ operationId: 'putThing', method: 'PUT', path: '/things/1', body: { a: 1 }, schema: null }), 'PUT'],
    ['PATCH', () => call({ operationId: 'patchThing', method: 'PATCH', path: '/things/1', body: [], contentType: 'application/json-patch+json', schema: null }), 'PATCH'],
    ['DELETE', () => call({ operationId: 'deleteThing', method: 'DELETE', path: '/things/1', schema: null }), 'DELETE'],
  ];
  for (const [name, send, method] of writes) {
    it(`${name} is not retried after a network failure`, async () => {
      const calls = use(new TypeError('Failed to fetch'), json(CERT));
      const error = await failure(send());
      expect(error.kind).toBe('network');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.init.method).toBe(method);
      expect(sleeps).toEqual([]);
    });

    it(`${name} is not retried after a 5xx`, async () => {
      const calls = use(errorDto(503, 'Unavailable'), json(CERT));
      const error = await failure(send());
      expect(error.status).toBe(503);
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    });
  }
});

describe('response validation', () => {
  it('a malformed body throws invalid-response naming the operation and the field', async () => {
    use(json({ ...CERT, decisionsMade: 'two' }));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.kind).toBe('invalid-response');
    expect(error.operationId).toBe('getIdentityCertification');
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^Unexpected response from getIdentityCertification: decisionsMade: /);
    expect(error.advice).toMatch(/does not understand/);
    expect(error.isTransient).toBe(false);
  });

  it('names the path of a nested field inside a list', async () => {
    use(json([CERT, { ...CERT, id: 'c2', campaign: { id: 'k', name: 'K', type: 'CAMPAIGN' } }]));
    const error = await failure(listIdentityCertifications());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('listIdentityCertifications');
    expect(error.message).toContain('1.campaign.campaignType');
  });

  it('a body of the wrong shape altogether', async () => {
    use(json({ not: 'a list' }));
    const error = await failure(listIdentityAccessReviewItems('c1'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toContain('listIdentityAccessReviewItems');
  });

  it('a body that is not JSON', async () => {
    use(new Response('<html>Welcome to the proxy</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const error = await failure(getIdentityCertification('c1'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('Unexpected response from getIdentityCertification: the body is not JSON.');
    expect(sleeps).toEqual([]);
  });

  it('answers the validated data, status and headers', async () => {
    use(json(CERT, 200, { 'X-Extra': 'yes' }));
    const response = await request({ operationId: 'getIdentityCertification', method: 'GET', path: '/certifications/c1', schema: z.object({ id: z.string() }) });
    expect(response.data).toEqual({ id: 'c1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Extra')).toBe('yes');
  });

  it('an operation without a body answers undefined on 204', async () => {
    use(new Response(null, { status: 204 }));
    await expect(call({ operationId: 'deleteThing', method: 'DELETE', path: '/things/1', schema: null })).resolves.toBeUndefined();
  });
});

describe('what is sent, and where', () => {
  it('sends the bearer token, reading it afresh for every attempt', async () => {
    const tokens = ['first', 'second'];
    configureClient({ getAccessToken: () => tokens.shift() });
    const calls = use(new TypeError('Failed to fetch'), json(CERT));
    await getIdentityCertification('c1');
    expect(calls.map((c) => c.headers.get('Authorization'))).toEqual(['Bearer first', 'Bearer second']);
    expect(calls[0]!.headers.get('Accept')).toBe('application/json');
  });

  it('sends no Authorization header without a token', async () => {
    token = null;
    const calls = use(json(CERT));
    await getIdentityCertification('c1');
    expect(calls[0]!.headers.has('Authorization')).toBe(false);
  });

  it('sends a JSON body with its content type', async () => {
    const calls = use(json(CERT));
    await makeIdentityDecision('c1', [{ id: 'i1', decision: 'REVOKE', bulk: true, comments: 'gone', proposedEndDate: '2027-01-01T00:00:00Z' }]);
    expect(calls[0]!.url).toBe(`${BASE}/certifications/c1/decide`);
    expect(calls[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual([
      { id: 'i1', decision: 'REVOKE', bulk: true, comments: 'gone', proposedEndDate: '2027-01-01T00:00:00Z' },
    ]);
  });

  it('goes only to the configured base URL', async () => {
    const calls = use(json(CERT), json([]), json([]));
    await getIdentityCertification('c1');
    await listIdentityCertifications();
    await listIdentityAccessReviewItems('c1');
    for (const c of calls) expect(c.url.startsWith(`${BASE}/`)).toBe(true);
  });

  it('keeps a hostile id inside its path segment', async () => {
    const calls = use(json(CERT), json(CERT));
    await getIdentityCertification('../x?y');
    await makeIdentityDecision('a/b#c', [{ id: 'i', decision: 'APPROVE', bulk: false }]);
    const first = new URL(calls[0]!.url);
    expect(first.origin + first.pathname).toBe(`${BASE}/certifications/..%2Fx%3Fy`);
    expect(first.search).toBe('');
    const second = new URL(calls[1]!.url);
    expect(second.pathname).toBe('/v3/certifications/a%2Fb%23c/decide');
    expect(second.hash).toBe('');
  });

  it('refuses an id that a URL would resolve away (`..`, `.`, empty) without sending anything', async () => {
    const calls = use(json(CERT));
    for (const id of ['..', '.', '']) {
      await expect(async () => getIdentityCertification(id)).rejects.toThrow(/not a valid id/);
      await expect(async () => getCertificationTask(id)).rejects.toThrow(/not a valid id/);
      await expect(async () => signOffIdentityCertification(id)).rejects.toThrow(/not a valid id/);
    }
    expect(calls).toHaveLength(0);
    expect(path`/certifications/${'%2e%2e'}`).toBe('/certifications/%252e%252e');
  });

  it('writes the collection parameters and reads X-Total-Count into total', async () => {
    const calls = use(json([CERT], 200, { 'X-Total-Count': '1234' }));
    const page = await listIdentityCertifications({
      reviewerIdentity: 'me',
      limit: 50,
      offset: 100,
      count: true,
      filters: f.and(f.eq('phase', 'ACTIVE'), f.in('campaign.id', ['k1', 'k#2&x']))!,
      sorters: ['name', '-due'],
    });
    expect(page.total).toBe(1234);
    expect(page.items).toEqual([CERT]);
    const url = new URL(calls[0]!.url);
    expect(url.origin + url.pathname).toBe(`${BASE}/certifications`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'reviewer-identity': 'me',
      limit: '50',
      offset: '100',
      count: 'true',
      filters: 'phase eq "ACTIVE" and campaign.id in ("k1","k#2&x")',
      sorters: 'name,-due',
    });
  });

  it('leaves out parameters that were not given, and total without count', async () => {
    const calls = use(json([CERT]));
    const page = await listIdentityCertifications();
    expect(page.total).toBeUndefined();
    expect(calls[0]!.url).toBe(`${BASE}/certifications`);
  });

  it('ignores an X-Total-Count that is not a number', async () => {
    use(json([], 200, { 'X-Total-Count': 'lots' }));
    expect((await listIdentityCertifications({ count: true })).total).toBeUndefined();
  });

  it('joins the access id parameters of access review items', async () => {
    const calls = use(json([]));
    await listIdentityAccessReviewItems('c1', { entitlements: ['e1', 'e2'], sorters: ['access.name', '-accessProfile.sourceName'] });
    const url = new URL(calls[0]!.url);
    expect(url.searchParams.get('entitlements')).toBe('e1,e2');
    expect(url.searchParams.has('access-profiles')).toBe(false);
    expect(url.searchParams.get('sorters')).toBe('access.name,-accessProfile.sourceName');
  });
});

describe('cancellation', () => {
  /** A fetch that hangs until its signal aborts. */
  const hanging = (_url: string, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
    });

  it('aborting the signal cancels a request in flight, without retrying', async () => {
    const calls = use(hanging);
    const controller = new AbortController();
    const pending = getIdentityCertification('c1', { signal: controller.signal });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.init.signal).toBe(controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('an already aborted signal sends nothing that succeeds and is not retried', async () => {
    const calls = use(json(CERT));
    const controller = new AbortController();
    controller.abort();
    await expect(listIdentityCertifications({}, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls.length).toBeLessThanOrEqual(1);
  });

  it('aborting during the backoff wait stops the retries', async () => {
    const controller = new AbortController();
    configureClient({
      sleep: (_ms, signal) =>
        new Promise<void>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
          controller.abort();
        }),
    });
    const calls = use(new TypeError('Failed to fetch'), json(CERT));
    await expect(getIdentityCertification('c1', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });
});
