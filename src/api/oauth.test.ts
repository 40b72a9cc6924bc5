import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setupSandbox } from '../../test/sandbox-harness';
import { SANDBOX_OAUTH_CLIENT_ID } from '../sandbox/oauth';
import { listIdentityCertifications } from './certifications';
import { beginLogin, completeLogin, refreshSession, safeNext } from './oauth';
import { sessionStore } from './session';

const sb = setupSandbox();

beforeAll(() => {
  // jsdom's ArrayBuffer is another realm's than Node's WebCrypto answers with; a browser has one realm.
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => new Uint8Array(new Uint8Array(await digest(algorithm, data))).buffer);
});
const origin = window.location.origin;

/** Plays the person at the tenant's login page: opens it, picks a persona, and follows the redirect back. */
async function pickPersona(loginUrl: string, persona: string, change?: (form: URLSearchParams) => void): Promise<URL> {
  const page = await fetch(loginUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Sign in as Morgan Reyes (manager)');
  const form = new URL(loginUrl).searchParams;
  form.set('persona', persona);
  change?.(form);
  const answer = await fetch(new URL('/oauth/authorize', origin), { method: 'POST', body: form, redirect: 'manual' });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('Location')!);
}

async function exchange(code: string, verifier: string, redirectUri = `${origin}/auth/callback`) {
  return fetch(new URL('/oauth/token', origin), {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: SANDBOX_OAUTH_CLIENT_ID, code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
}

describe('sign-in with the tenant login (authorization code + PKCE)', () => {
  it('sends the person to the login page from /oauth/info with an S256 challenge, and signs them in with the verifier', async () => {
    sessionStore.set(null);
    const loginUrl = await beginLogin(SANDBOX_OAUTH_CLIENT_ID, '/certifications/abc?tab=1');
    const url = new URL(loginUrl);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${origin}/auth/callback`);
    expect(url.toString()).not.toContain('code_verifier');

    const callback = await pickPersona(loginUrl, 'source-owner');
    expect(callback.searchParams.get('state')).toBe(url.searchParams.get('state'));
    const { session, next } = await completeLogin(callback);
    expect(next).toBe('/certifications/abc?tab=1');
    expect(session.identityId).toBe(sb.persona('source-owner').identityId);
    expect(session.refreshToken).toBeTruthy();

    sessionStore.set(session);
    const page = await listIdentityCertifications({ reviewerIdentity: 'me' });
    expect(page.items.every((c) => c.reviewer?.id === session.identityId)).toBe(true);
  });

  it('refuses a code without the matching verifier, a code used twice, and a callback from another sign-in', async () => {
    const loginUrl = await beginLogin(SANDBOX_OAUTH_CLIENT_ID, '/');
    const callback = await pickPersona(loginUrl, 'manager');
    const code = callback.searchParams.get('code')!;

    const wrong = await exchange(code, 'x'.repeat(43));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
    // The code was spent by the failed attempt.
    await expect(completeLogin(callback)).rejects.toThrow(/refused the sign-in: The authorization code is unknown, used or expired/);

    // A callback whose state is not this tab's pending sign-in.
    await beginLogin(SANDBOX_OAUTH_CLIENT_ID, '/');
    await expect(completeLogin(callback)).rejects.toThrow(/did not match this sign-in/);
    // Nothing pending any more: a replayed callback cannot sign anyone in.
    await expect(completeLogin(callback)).rejects.toThrow(/not started in this tab/);
  });

  it('requires PKCE S256 and a local or same-origin /auth/callback', async () => {
    const loginUrl = new URL(await beginLogin(SANDBOX_OAUTH_CLIENT_ID, '/'));
    const refused = await pickPersona(loginUrl.href, 'manager', (form) => form.set('code_challenge_method', 'plain'));
    expect(refused.searchParams.get('error')).toBe('invalid_request');
    expect(refused.searchParams.get('code')).toBeNull();

    const elsewhere = new URL(loginUrl);
    elsewhere.searchParams.set('redirect_uri', 'https://evil.example/auth/callback');
    const page = await fetch(elsewhere);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('redirect_uri must be /auth/callback');

    const unknownClient = new URL(loginUrl);
    unknownClient.searchParams.set('client_id', 'someone-else');
    expect((await fetch(unknownClient)).status).toBe(400);
  });

  it('refreshes the session for the same person', async () => {
    const callback = await pickPersona(await beginLogin(SANDBOX_OAUTH_CLIENT_ID, '/'), 'cert-admin');
    const { session } = await completeLogin(callback);
    sb.clock.advance(5_000);
    const refreshed = await refreshSession(session);
    expect(refreshed?.identityId).toBe(session.identityId);
    expect(refreshed?.accessToken).not.toBe(session.accessToken);
    expect(await refreshSession({ ...session, refreshToken: 'forged.sandbox' })).toBeNull();
  });
});

describe('safeNext', () => {
  it.each([
    ['/certifications/1?x=2#y', '/certifications/1?x=2#y'],
    ['//example.com', '/certifications'],
    ['/\\example.com', '/certifications'],
    ['https://example.com/certifications', '/certifications'],
    ['javascript:alert(1)', '/certifications'],
    ['/sign-in?next=/x', '/certifications'],
    [null, '/certifications'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next, 'http://127.0.0.1:5173')).toBe(expected);
  });
});
