import * as z from 'zod/mini';
import { MAX_LIMIT } from './collections';
import { call } from './http';

/**
 * ISC v3 Search (`POST /v3/search`), identities index only: how Attest finds a person by name, email or id,
 * on a real tenant and in the sandbox alike. ISC answers an array of documents; only the fields read here
 * are kept.
 */

/** An identity as the search index returns it (IdentityDocument): unknown fields are stripped. */
export const IdentityDocument = z.object({
  id: z.string(),
  /** The identity's name (on many tenants a username; prefer displayName for people). */
  name: z.string(),
  displayName: z.nullish(z.string()),
  email: z.nullish(z.string()),
  /** The identity's manager, when it has one (used to escalate a reviewer's work). */
  manager: z.nullish(z.object({ id: z.string(), name: z.nullish(z.string()), displayName: z.nullish(z.string()) })),
});
export type IdentityDocument = z.infer<typeof IdentityDocument>;

/**
 * Characters with a meaning in ISC's query syntax: Elasticsearch's query_string reserved characters, plus
 * SailPoint's `@` (nested queries such as `@access(...)`). `<` and `>` cannot be escaped there, so they are dropped.
 */
const RESERVED = /[+\-=&|!(){}[\]^"~*?:\\/@]/g;

/** A quoted phrase: only `"` and `\` mean anything inside quotes, and both are escaped. */
export function quotePhrase(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/** One word as a literal term: every reserved character escaped, `<` and `>` removed. */
export function escapeTerm(word: string): string {
  return word.replace(/[<>]/g, '').replace(RESERVED, '\\$&');
}

/**
 * The query for what a person typed: the whole text as a phrase, or every word of it as a prefix
 * (`Morgan Re` finds Morgan Reyes; an email or an id finds its identity). Whatever is typed stays literal:
 * no operator, field, wildcard or nested query can be injected. Words are lower-cased because wildcard terms
 * are not analysed (and so `AND`, `OR`, `NOT` typed as words stay words). Null for blank text.
 */
export function identityQuery(text: string): string | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return null;
  const prefixes = trimmed
    .toLowerCase()
    .split(' ')
    .map(escapeTerm)
    .filter(Boolean)
    .map((word) => `${word}*`);
  const phrase = quotePhrase(trimmed);
  return prefixes.length ? `${phrase} OR (${prefixes.join(' AND ')})` : phrase;
}

/**
 * Identities whose name, email or id match `text`, sorted by name (`searchPost` on the identities index).
 * Blank text answers [] without a request. `limit` is 1 to 250 (ISC's default: 250).
 */
export async function searchIdentities(
  text: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<IdentityDocument[]> {
  const { limit, signal } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}; got ${limit}.`);
  }
  const query = identityQuery(text);
  if (query === null) return [];
  return call({
    operationId: 'searchPost',
    method: 'POST',
    path: '/search',
    query: { limit },
    body: { indices: ['identities'], query: { query }, sort: ['name'] },
    schema: z.array(IdentityDocument),
    signal,
  });
}
