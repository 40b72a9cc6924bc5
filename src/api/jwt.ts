/**
 * The claims Attest reads from an ISC access token (a JWT). The token is not verified here: the tenant
 * verifies it; Attest only reads who is signed in and their authorities to shape the UI.
 */
export interface AccessTokenClaims {
  identity_id?: string;
  user_name?: string;
  authorities?: string[];
  client_id?: string;
  /** Expiry, seconds since the epoch. */
  exp?: number;
  tenant_id?: string;
}

export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function base64UrlDecode(text: string): string {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The claims of a JWT, or null when the text is not a JWT with a JSON payload. */
export function decodeAccessToken(token: string): AccessTokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(part));
    return typeof claims === 'object' && claims !== null ? (claims as AccessTokenClaims) : null;
  } catch {
    return null;
  }
}
