import { base64UrlDecode, base64UrlEncode } from '../api/jwt';
import type { Persona } from './model';

/**
 * The sandbox's tenant login: `/oauth/info`, `/oauth/authorize` (a page to pick a persona) and the
 * authorization-code (PKCE S256, public client) and refresh-token grants of `/oauth/token`, so Attest's
 * sign-in with the tenant's login runs end to end without a real ISC tenant.
 */

/** The public OAuth client Attest signs in with on the sandbox (no secret; PKCE required). */
export const SANDBOX_OAUTH_CLIENT_ID = 'attest-pkce';
const CODE_LIFETIME_MS = 60_000;

interface Grant {
  identityId: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

export interface LoginHost {
  personas: Persona[];
  now(): number;
  /** An access token for the identity, and its lifetime in seconds. */
  issue(identityId: string, clientId: string): { accessToken: string; expiresIn: number };
  hasIdentity(identityId: string): boolean;
}

type Form = URLSearchParams;

export class SandboxLogin {
  private readonly codes = new Map<string, Grant>();

  constructor(private readonly host: LoginHost) {}

  /** Answers `/oauth/info` and `/oauth/authorize`; null for any other path. */
  async handle(request: Request, url: URL): Promise<Response | null> {
    if (url.pathname === '/oauth/info' && request.method === 'GET') {
      return json({
        authorizeEndpoint: new URL('/oauth/authorize', url.origin).href,
        tokenEndpoint: new URL('/oauth/token', url.origin).href,
        logoutUrl: new URL('/oauth/logout', url.origin).href,
        tenantName: 'attest-sandbox',
        tenantId: 'attest-sandbox',
        pod: 'sandbox',
        cloudDomainUrl: url.origin,
      });
    }
    if (url.pathname === '/oauth/logout' && request.method === 'GET') {
      return html(page('Signed out of the sandbox tenant', '<p>Your sign-in at the tenant has ended. You can close this tab, or open Attest again to sign in.</p>'));
    }
    if (url.pathname !== '/oauth/authorize') return null;
    if (request.method === 'GET') return this.authorizePage(url.searchParams, url);
    if (request.method === 'POST') {
      const form = new URLSearchParams(await request.text());
      return this.authorize(form, url);
    }
    return null;
  }

  /** The authorization-code and refresh-token grants; null for other grant types. */
  async token(form: Form): Promise<Response | null> {
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.exchangeCode(form);
    if (grant === 'refresh_token') return this.refresh(form);
    return null;
  }

  private problem(form: Form, url: URL): { status: number; error: string; description: string; redirect: boolean } | null {
    if (form.get('client_id') !== SANDBOX_OAUTH_CLIENT_ID) {
      return { status: 400, error: 'invalid_client', description: `Unknown client_id; the sandbox's public client is ${SANDBOX_OAUTH_CLIENT_ID}.`, redirect: false };
    }
    if (!allowedRedirect(form.get('redirect_uri'), url)) {
      return { status: 400, error: 'invalid_request', description: 'redirect_uri must be /auth/callback on this machine (127.0.0.1 or localhost) or on this origin.', redirect: false };
    }
    if (form.get('response_type') !== 'code') return { status: 400, error: 'unsupported_response_type', description: 'response_type must be code.', redirect: true };
    if (form.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(form.get('code_challenge') ?? '')) {
      return { status: 400, error: 'invalid_request', description: 'A public client needs PKCE: code_challenge with code_challenge_method=S256.', redirect: true };
    }
    return null;
  }

  private authorizePage(params: Form, url: URL): Response {
    const problem = this.problem(params, url);
    if (problem) return problem.redirect ? redirectWithError(params, problem) : html(page('Sign-in refused', `<p>${escape(problem.description)}</p>`), problem.status);
    const hidden = ['client_id', 'response_type', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'state']
      .map((name) => `<input type="hidden" name="${name}" value="${escape(params.get(name) ?? '')}">`)
      .join('');
    const buttons = this.host.personas
      .map((p) => `<li><button type="submit" name="persona" value="${escape(p.key)}">Sign in as ${escape(p.label)}</button></li>`)
      .join('');
    return html(page('Sign in to the sandbox tenant', `<p>Pick who you are. The sandbox has no passwords.</p><form method="post" action="/oauth/authorize">${hidden}<ul>${buttons}</ul></form>`));
  }

  private authorize(form: Form, url: URL): Response {
    const problem = this.problem(form, url);
    if (problem) return problem.redirect ? redirectWithError(form, problem) : html(page('Sign-in refused', `<p>${escape(problem.description)}</p>`), problem.status);
    const persona = this.host.personas.find((p) => p.key === form.get('persona'));
    if (!persona || !this.host.hasIdentity(persona.identityId)) return redirectWithError(form, { error: 'access_denied', description: 'No such persona.' });
    const code = randomId();
    this.codes.set(code, {
      identityId: persona.identityId,
      clientId: form.get('client_id')!,
      redirectUri: form.get('redirect_uri')!,
      challenge: form.get('code_challenge')!,
      expiresAt: this.host.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(form.get('redirect_uri')!);
    target.searchParams.set('code', code);
    const state = form.get('state');
    if (state) target.searchParams.set('state', state);
    return new Response(null, { status: 302, headers: { Location: target.href } });
  }

  private async exchangeCode(form: Form): Promise<Response> {
    const code = form.get('code') ?? '';
    const grant = this.codes.get(code);
    // A code is good for one exchange, even a failed one.
    this.codes.delete(code);
    if (!grant || grant.expiresAt < this.host.now()) return tokenError('invalid_grant', 'The authorization code is unknown, used or expired.');
    if (form.get('client_id') !== grant.clientId) return tokenError('invalid_client', 'The code was issued to another client.', 401);
    if (form.get('redirect_uri') !== grant.redirectUri) return tokenError('invalid_grant', 'redirect_uri differs from the one the code was issued for.');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || (await s256(verifier)) !== grant.challenge) {
      return tokenError('invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    return this.tokens(grant.identityId, grant.clientId);
  }

  private refresh(form: Form): Response {
    const claims = readRefreshToken(form.get('refresh_token') ?? '');
    if (!claims || claims.client_id !== form.get('client_id') || !this.host.hasIdentity(claims.sub)) {
      return tokenError('invalid_grant', 'The refresh token is not valid for this client.');
    }
    return this.tokens(claims.sub, claims.client_id);
  }

  private tokens(identityId: string, clientId: string): Response {
    const { accessToken, expiresIn } = this.host.issue(identityId, clientId);
    return json({
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: expiresIn,
      refresh_token: `${base64UrlEncode(JSON.stringify({ sub: identityId, client_id: clientId, kind: 'refresh' }))}.sandbox`,
      scope: 'sp:scopes:all',
      tenant_id: 'attest-sandbox',
      identity_id: identityId,
      user_id: identityId,
    });
  }
}

function readRefreshToken(token: string): { sub: string; client_id: string } | null {
  const [body, mark] = token.split('.');
  if (!body || mark !== 'sandbox') return null;
  try {
    const claims = JSON.parse(base64UrlDecode(body)) as { sub?: unknown; client_id?: unknown; kind?: unknown };
    return claims.kind === 'refresh' && typeof claims.sub === 'string' && typeof claims.client_id === 'string' ? { sub: claims.sub, client_id: claims.client_id } : null;
  } catch {
    return null;
  }
}

function allowedRedirect(value: string | null, url: URL): boolean {
  if (!value) return false;
  try {
    const target = new URL(value);
    const local = target.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(target.hostname);
    return target.pathname === '/auth/callback' && !target.hash && (local || target.origin === url.origin);
  } catch {
    return false;
  }
}

async function s256(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function redirectWithError(form: Form, problem: { error: string; description: string }): Response {
  const target = new URL(form.get('redirect_uri')!);
  target.searchParams.set('error', problem.error);
  target.searchParams.set('error_description', problem.description);
  const state = form.get('state');
  if (state) target.searchParams.set('state', state);
  return new Response(null, { status: 302, headers: { Location: target.href } });
}

function tokenError(error: string, description: string, status = 400): Response {
  return json({ error, error_description: description }, status);
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>`
    + '<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.6rem 1rem;width:100%;text-align:left;cursor:pointer}</style>'
    + `</head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'" } });
}
