import * as oauth from 'oauth4webapi';
import * as z from 'zod/mini';
import { sessionFromToken, sessionStore, type Session } from './session';

/**
 * Sign-in with the tenant's own login: OAuth 2 authorization code with PKCE (S256) for a public client,
 * through oauth4webapi. Endpoints come from the tenant's `/oauth/info` (reached through Attest's same-origin
 * proxy); the code is exchanged, and the token refreshed, at the proxied `/oauth/token`. The verifier and
 * state live in this tab's sessionStorage only while the browser is away at the login page.
 */

/** Where the tenant's login sends the browser back. */
export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'attest.oauth.pending';

/** `GET /oauth/info`: the tenant's login endpoints (only what sign-in uses is required). */
const OAuthInfo = z.looseObject({
  authorizeEndpoint: z.url(),
  tokenEndpoint: z.optional(z.string()),
  logoutUrl: z.optional(z.string()),
  tenantName: z.optional(z.string()),
});
export type OAuthInfo = z.infer<typeof OAuthInfo>;

interface Pending {
  verifier: string;
  state: string;
  clientId: string;
  redirectUri: string;
  authorizeEndpoint: string;
  next: string;
  /** Set when the sign-in runs in a pop-up for a page that keeps its state: where to hand the session. */
  channel?: string;
}

/** The path to return to after sign-in: only this origin's pages; anything else goes to the certifications. */
export function safeNext(next: string | null | undefined, origin = window.location.origin): string {
  const fallback = '/certifications';
  if (!next) return fallback;
  try {
    const url = new URL(next, origin);
    if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return fallback;
    if (url.pathname === '/sign-in' || url.pathname === CALLBACK_PATH) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

function authorizationServer(authorizeEndpoint: string): oauth.AuthorizationServer {
  const origin = window.location.origin;
  // The token endpoint is always the proxied one: ISC sends no CORS headers.
  return { issuer: origin, authorization_endpoint: authorizeEndpoint, token_endpoint: new URL('/oauth/token', origin).href };
}

/** http only for a local tenant or dev server on this machine; a real tenant is https. */
function requestOptions(): { [oauth.allowInsecureRequests]: boolean } {
  return { [oauth.allowInsecureRequests]: window.location.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(window.location.hostname) };
}

/** Reads the tenant's login endpoints. */
export async function discoverLogin(): Promise<OAuthInfo> {
  let response: Response;
  try {
    response = await fetch(new URL('/oauth/info', window.location.origin), { headers: { Accept: 'application/json' } });
  } catch {
    throw new Error('Could not reach the tenant to find its login page. Check your connection and try again.');
  }
  if (!response.ok) throw new Error(`The tenant did not say where its login page is (HTTP ${response.status} from /oauth/info). Sign in with a personal access token instead.`);
  const parsed = OAuthInfo.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error('The tenant answered /oauth/info without a login address. Sign in with a personal access token instead.');
  return parsed.data;
}

/** Starts sign-in: remembers a fresh verifier and state, and returns the tenant login URL to go to. */
export async function beginLogin(clientId: string, next: string, channel?: string): Promise<string> {
  const info = await discoverLogin();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const redirectUri = new URL(CALLBACK_PATH, window.location.origin).href;
  const pending: Pending = { verifier, state, clientId, redirectUri, authorizeEndpoint: info.authorizeEndpoint, next: safeNext(next), ...(channel ? { channel } : {}) };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(info.authorizeEndpoint);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url.href;
}

function takePending(): Pending | null {
  const text = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!text) return null;
  try {
    return JSON.parse(text) as Pending;
  } catch {
    return null;
  }
}

function sessionFromTokens(result: oauth.TokenEndpointResponse, clientId: string): Session {
  const identityId = typeof result.identity_id === 'string' ? result.identity_id : undefined;
  const session = sessionFromToken(result.access_token, identityId ? { identityId } : {});
  return {
    ...session,
    ...(result.refresh_token ? { refreshToken: result.refresh_token, oauthClientId: clientId } : {}),
    ...(session.expiresAt === null && typeof result.expires_in === 'number' ? { expiresAt: Date.now() + result.expires_in * 1000 } : {}),
  };
}

/** Finishes sign-in on the callback URL: checks the state, exchanges the code with the verifier. */
export async function completeLogin(callbackUrl: URL): Promise<{ session: Session; next: string; channel?: string }> {
  const pending = takePending();
  if (!pending) throw new Error('This sign-in was not started in this tab, or it was already used. Start again from the sign-in page.');
  const as = authorizationServer(pending.authorizeEndpoint);
  const client: oauth.Client = { client_id: pending.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  } catch (e) {
    const description = e instanceof oauth.AuthorizationResponseError ? e.error_description ?? e.error : null;
    throw new Error(description ? `The tenant's login did not sign you in: ${description}.` : 'The answer from the login page did not match this sign-in. Start again from the sign-in page.', { cause: e });
  }
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, pending.redirectUri, pending.verifier, requestOptions());
    const result = await oauth.processAuthorizationCodeResponse(as, client, response);
    return { session: sessionFromTokens(result, pending.clientId), next: pending.next, ...(pending.channel ? { channel: pending.channel } : {}) };
  } catch (e) {
    if (e instanceof oauth.ResponseBodyError) throw new Error(`The tenant refused the sign-in: ${e.error_description ?? e.error}. Start again from the sign-in page.`, { cause: e });
    if (e instanceof Error && e.message.startsWith('The token')) throw e;
    throw new Error('Could not finish signing in with the tenant. Check your connection and start again from the sign-in page.', { cause: e });
  }
}

/** Exchanges the session's refresh token for a new access token; null when it has none or the tenant refuses. */
export async function refreshSession(session: Session): Promise<Session | null> {
  if (!session.refreshToken || !session.oauthClientId) return null;
  const as = authorizationServer(window.location.origin);
  const client: oauth.Client = { client_id: session.oauthClientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), session.refreshToken, requestOptions());
    const result = await oauth.processRefreshTokenResponse(as, client, response);
    const next = sessionFromTokens(result, session.oauthClientId);
    // A refresh never changes who is signed in.
    if (next.identityId !== session.identityId) return null;
    return { ...next, refreshToken: next.refreshToken ?? session.refreshToken, oauthClientId: session.oauthClientId };
  } catch {
    return null;
  }
}

/** After sign-out from a tenant-login session: the tenant's own logout page, when it names one. */
export async function endTenantSession(): Promise<void> {
  const info = await discoverLogin().catch(() => null);
  if (info?.logoutUrl) window.location.assign(info.logoutUrl);
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Keeps a refreshable session fresh: refreshes a minute before expiry, and once when the tenant answers 401. */
export function keepSessionFresh(): () => void {
  const schedule = () => {
    clearTimeout(refreshTimer);
    const session = sessionStore.get();
    if (!session?.refreshToken || session.expiresAt === null) return;
    const delay = Math.max(0, session.expiresAt - Date.now() - 60_000);
    refreshTimer = setTimeout(() => void refresh(session), Math.min(delay, 2 ** 31 - 1));
  };
  let refreshing: Promise<void> | null = null;
  const refresh = (session: Session) => (refreshing ??= run(session).finally(() => (refreshing = null)));
  const run = async (session: Session) => {
    const next = await refreshSession(session);
    if (sessionStore.get()?.accessToken !== session.accessToken) return;
    if (next) sessionStore.set(next);
    else sessionStore.markExpired();
  };
  schedule();
  const unsubscribe = sessionStore.subscribe(() => {
    const session = sessionStore.get();
    if (session && sessionStore.isExpired() && session.refreshToken) void refresh(session);
    else schedule();
  });
  return () => {
    clearTimeout(refreshTimer);
    unsubscribe();
  };
}

/** The public OAuth client this build signs in with, when the deployment configured one (SAILPOINT_CLIENT_ID). */
export function oauthClientId(): string {
  return __OAUTH_CLIENT_ID__;
}

const completions = new Map<string, ReturnType<typeof completeLogin>>();

/** completeLogin, once per callback URL: a re-render or a second effect run must not spend the code twice. */
export function completeLoginOnce(callbackUrl: URL): ReturnType<typeof completeLogin> {
  let pending = completions.get(callbackUrl.href);
  if (!pending) {
    pending = completeLogin(callbackUrl);
    completions.set(callbackUrl.href, pending);
  }
  return pending;
}

/** Same-origin channel a sign-in pop-up hands its session back on (COOP severs window.opener). */
const HANDOFF_CHANNEL = 'attest.signin';

/** The pop-up side: hands the new session to the page that opened it. */
export function handOffSession(channel: string, session: Session): void {
  const bc = new BroadcastChannel(HANDOFF_CHANNEL);
  bc.postMessage({ channel, session });
  bc.close();
}

/**
 * The page side: opens the tenant login in a pop-up so this page keeps everything typed in it, and resolves
 * with the session the pop-up signs in. Null when the browser blocked the pop-up.
 */
export function loginInPopup(onSession: (session: Session) => void): { close: () => void } | null {
  const channel = oauth.generateRandomState();
  const popup = window.open(`/auth/popup?channel=${encodeURIComponent(channel)}`, 'attest-login', 'popup,width=520,height=720');
  if (!popup) return null;
  const bc = new BroadcastChannel(HANDOFF_CHANNEL);
  bc.onmessage = (event: MessageEvent<{ channel?: string; session?: Session }>) => {
    if (event.data?.channel !== channel || !event.data.session) return;
    bc.close();
    onSession(event.data.session);
  };
  return { close: () => bc.close() };
}
