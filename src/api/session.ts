import { useSyncExternalStore } from 'react';
import { configureClient } from './http';
import { decodeAccessToken } from './jwt';
import { CERTIFICATION_ADMIN_LEVELS, REPORT_LEVELS, holdsLevel } from './rules';

/**
 * Who is signed in. The access token lives in memory and sessionStorage only (never localStorage), and
 * the typed client sends it only to the configured tenant's same-origin `/v3`.
 */
export interface Session {
  accessToken: string;
  identityId: string;
  name: string;
  authorities: string[];
  /** Epoch ms, when the token says. */
  expiresAt: number | null;
  /** The sandbox persona this session is, if any. */
  personaKey?: string;
  /** After sign-in with the tenant's login: the refresh token and the public client it belongs to. */
  refreshToken?: string;
  oauthClientId?: string;
}

const STORAGE_KEY = 'attest.session';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: Session | null = read();
let expired = false;

function read(): Session | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

function emit() {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: (): Session | null => current,
  /** True once the tenant has answered 401 for the current token. */
  isExpired: () => expired,
  set(session: Session | null) {
    current = session;
    expired = false;
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
    emit();
  },
  markExpired() {
    if (!current || expired) return;
    expired = true;
    emit();
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

export function useSessionExpired(): boolean {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.isExpired, sessionStore.isExpired);
}

export function isAdmin(session: Session | null): boolean {
  return Boolean(session && holdsLevel(session.authorities, CERTIFICATION_ADMIN_LEVELS));
}

/** May see the Campaigns area: certification admins, and REPORT_ADMIN (who sees reports only). */
export function canSeeCampaigns(session: Session | null): boolean {
  return Boolean(session && holdsLevel(session.authorities, REPORT_LEVELS));
}

/** A session from an access token; throws a readable error when the token can't be used. */
export function sessionFromToken(accessToken: string, extra: { identityId?: string; personaKey?: string } = {}): Session {
  const token = accessToken.trim();
  const claims = decodeAccessToken(token);
  if (!claims) throw new Error('That does not look like an ISC access token (a JWT with three dot-separated parts).');
  const identityId = extra.identityId ?? claims.identity_id;
  if (!identityId) throw new Error('The token has no identity: use a personal access token or sign-in of a user, not an API client.');
  if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) throw new Error('The token has expired. Create a new one and try again.');
  return {
    accessToken: token,
    identityId,
    name: claims.user_name ?? identityId,
    authorities: claims.authorities ?? [],
    expiresAt: claims.exp === undefined ? null : claims.exp * 1000,
    ...(extra.personaKey ? { personaKey: extra.personaKey } : {}),
  };
}

interface TokenResponse {
  access_token?: string;
  identity_id?: string;
  error?: string;
  error_description?: string;
}

/** Exchanges client credentials (a personal access token) at the tenant's `/oauth/token`. */
export async function signInWithClientCredentials(clientId: string, clientSecret: string, personaKey?: string): Promise<Session> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId.trim(), client_secret: clientSecret.trim() });
  let response: Response;
  try {
    response = await fetch(new URL('/oauth/token', window.location.origin), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  } catch {
    throw new Error('Could not reach the tenant to sign in. Check your connection and that Attest was started with SAILPOINT_API_URL.');
  }
  const payload = (await response.json().catch(() => ({}))) as TokenResponse;
  if (!response.ok || !payload.access_token) {
    if (response.status === 400 || response.status === 401) {
      // The tenant's own sentence keeps its words, not its full stop: ours follows.
      const said = payload.error_description?.trim().replace(/[.\s]+$/, '');
      throw new Error(`The tenant refused these credentials${said ? `: ${said}` : ''}. Check the client ID and secret of your personal access token.`);
    }
    throw new Error(`Sign-in failed (HTTP ${response.status}). Try again in a moment.`);
  }
  return sessionFromToken(payload.access_token, { identityId: payload.identity_id, personaKey });
}

/** Points the typed client at the session: its bearer token, and a 401 marks the session expired. */
export function connectClientToSession(baseUrl = '/v3'): void {
  configureClient({
    baseUrl,
    getAccessToken: () => sessionStore.get()?.accessToken,
    onUnauthorized: () => sessionStore.markExpired(),
  });
}
