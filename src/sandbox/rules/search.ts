import * as z from 'zod/mini';
import { badRequest } from '../errors';
import { pageReply, parseBody, type Route } from '../context';
import { parsePaging } from '../query';
import type { Identity } from '../model';
import type { Store } from '../store';

/**
 * ISC's v3 Search (`POST /v3/search`) over the identities index, enough of it for finding a person:
 * the query_string syntax's terms, quoted phrases, a trailing `*` wildcard, `field:` (name, displayName,
 * email, id), AND / OR / NOT and parentheses; adjacent clauses are joined by OR, as in ISC. Matching is
 * case-insensitive, on words (`reyes` finds "Morgan Reyes") or on the whole value (`morgan.rey*` finds an email).
 * Results: people before machine identities, then by name. Any signed-in identity may search (ISC asks
 * for a search scope; the sandbox allows all).
 */

export type SearchQuery =
  | { kind: 'all' }
  | { kind: 'match'; field: SearchField | null; text: string; phrase: boolean; prefix: boolean }
  | { kind: 'and' | 'or'; terms: SearchQuery[] }
  | { kind: 'not'; term: SearchQuery };

export const SEARCH_FIELDS = ['name', 'displayName', 'email', 'id'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Unescaped, these characters are query syntax the sandbox does not implement. */
const UNSUPPORTED = new Set('+-=&|!{}[]^~?/<>@');
const STOP = new Set(' \t\r\n():"');

type Token =
  | { type: '(' | ')' | ':' | 'AND' | 'OR' | 'NOT' }
  | { type: 'phrase'; text: string }
  | { type: 'term'; text: string; prefix: boolean; raw: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ':') {
      tokens.push({ type: c });
      i++;
    } else if (c === '"') {
      let text = '';
      for (i++; ; i++) {
        if (i >= input.length) throw badRequest('Invalid search query: a quoted phrase is not closed.');
        if (input[i] === '"') break;
        if (input[i] === '\\') i++;
        if (i < input.length) text += input[i];
      }
      i++;
      tokens.push({ type: 'phrase', text });
    } else {
      const start = i;
      let text = '';
      let prefix = false;
      while (i < input.length && !STOP.has(input[i]!) && !/\s/.test(input[i]!)) {
        const ch = input[i]!;
        if (prefix) throw badRequest('Invalid search query: the sandbox supports `*` only at the end of a term.');
        if (ch === '\\') {
          if (i + 1 >= input.length) throw badRequest('Invalid search query: it ends with an unfinished escape (\\).');
          text += input[i + 1];
          i += 2;
          continue;
        }
        if (ch === '*') prefix = true;
        else if (UNSUPPORTED.has(ch)) {
          throw badRequest(`Invalid search query: "${ch}" is query syntax the sandbox does not support; escape it with \\ or quote the text.`);
        } else text += ch;
        i++;
      }
      const raw = input.slice(start, i);
      if (raw === 'AND' || raw === 'OR' || raw === 'NOT') tokens.push({ type: raw });
      else tokens.push({ type: 'term', text, prefix, raw });
    }
  }
  return tokens;
}

/** Parses a query_string query; a syntax error is a 400 saying what is wrong. */
export function parseSearchQuery(input: string): SearchQuery {
  const tokens = tokenize(input);
  if (tokens.length === 0) return { kind: 'all' };
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (type: Token['type']) => {
    if (peek()?.type !== type) throw badRequest(`Invalid search query: expected ${type === ')' ? 'a closing parenthesis' : type}.`);
    pos++;
  };
  const startsClause = (t: Token | undefined) => t !== undefined && (t.type === '(' || t.type === 'NOT' || t.type === 'phrase' || t.type === 'term');

  const orExpr = (): SearchQuery => {
    const terms = [andExpr()];
    // Explicit OR, or clauses side by side (ISC's default operator is OR).
    while (peek()?.type === 'OR' || startsClause(peek())) {
      if (peek()?.type === 'OR') pos++;
      terms.push(andExpr());
    }
    return terms.length === 1 ? terms[0]! : { kind: 'or', terms };
  };
  const andExpr = (): SearchQuery => {
    const terms = [unary()];
    // `a NOT b` is a and not b, as in Lucene.
    while (peek()?.type === 'AND' || peek()?.type === 'NOT') {
      if (peek()!.type === 'AND') pos++;
      terms.push(unary());
    }
    return terms.length === 1 ? terms[0]! : { kind: 'and', terms };
  };
  const unary = (): SearchQuery => {
    const token = peek();
    if (token?.type === 'NOT') {
      pos++;
      return { kind: 'not', term: unary() };
    }
    if (token?.type === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (token?.type === 'term' && tokens[pos + 1]?.type === ':') {
      if (token.prefix || !(SEARCH_FIELDS as readonly string[]).includes(token.text)) {
        throw badRequest(`Invalid search query: the sandbox searches the fields ${SEARCH_FIELDS.join(', ')}; not "${token.raw}".`);
      }
      pos += 2;
      return value(token.text as SearchField);
    }
    return value(null);
  };
  const value = (field: SearchField | null): SearchQuery => {
    const token = peek();
    pos++;
    if (token?.type === 'phrase') return { kind: 'match', field, text: token.text, phrase: true, prefix: false };
    if (token?.type === 'term') {
      if (token.prefix && token.text === '') return field === null ? { kind: 'all' } : { kind: 'match', field, text: '', phrase: false, prefix: true };
      return { kind: 'match', field, text: token.text, phrase: false, prefix: token.prefix };
    }
    throw badRequest(`Invalid search query: expected a term or a quoted phrase${token ? `, not ${token.type}` : ' at the end'}.`);
  };

  const query = orExpr();
  if (pos < tokens.length) throw badRequest(`Invalid search query: unexpected ${tokens[pos]!.type}.`);
  return query;
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function fieldValues(identity: Identity, field: SearchField | null): string[] {
  const all: Record<SearchField, string | null> = { name: identity.name, displayName: identity.name, email: identity.email, id: identity.id };
  return (field ? [all[field]] : Object.values(all)).filter((v): v is string => v !== null);
}

function matchesValue(value: string, query: Extract<SearchQuery, { kind: 'match' }>): boolean {
  const lower = value.toLowerCase();
  const text = query.text.toLowerCase();
  const valueWords = words(value);
  if (query.prefix) return lower.startsWith(text) || valueWords.some((w) => w.startsWith(text));
  if (lower === text) return true;
  // A phrase, or a term the analyser would split (an email), matches its words in order.
  const wanted = words(text);
  if (wanted.length === 0) return false;
  for (let start = 0; start + wanted.length <= valueWords.length; start++) {
    if (wanted.every((w, k) => valueWords[start + k] === w)) return true;
  }
  return false;
}

export function matchesIdentity(identity: Identity, query: SearchQuery): boolean {
  switch (query.kind) {
    case 'all':
      return true;
    case 'match':
      return fieldValues(identity, query.field).some((value) => matchesValue(value, query));
    case 'and':
      return query.terms.every((t) => matchesIdentity(identity, t));
    case 'or':
      return query.terms.some((t) => matchesIdentity(identity, t));
    case 'not':
      return !matchesIdentity(identity, query.term);
  }
}

/** The search body (SearchDocument request), as far as the sandbox reads it. */
const SearchBody = z.object({
  indices: z.array(z.string()),
  queryType: z.optional(z.string()),
  query: z.optional(z.object({ query: z.optional(z.string()) })),
  sort: z.optional(z.array(z.string())),
});

const SORTS: Record<string, (a: Identity, b: Identity) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  '-name': (a, b) => b.name.localeCompare(a.name),
  id: (a, b) => a.id.localeCompare(b.id),
  '-id': (a, b) => b.id.localeCompare(a.id),
};

/** An IdentityDocument as ISC's search index has it (the fields the sandbox knows). */
function identityDocument(store: Store, identity: Identity, managers: Set<string>) {
  const [firstName = '', ...rest] = identity.name.split(' ');
  const manager = identity.managerId ? store.get('identities', identity.managerId) : undefined;
  return {
    id: identity.id,
    name: identity.name,
    displayName: identity.name,
    firstName,
    lastName: rest.join(' '),
    email: identity.email,
    inactive: false,
    protected: false,
    isManager: managers.has(identity.id),
    manager: manager ? { id: manager.id, name: manager.name, displayName: manager.name } : null,
    attributes: { department: identity.department, title: identity.title, displayName: identity.name, email: identity.email },
    _type: 'identity',
    type: 'identity',
  };
}

export const searchRoutes: Route[] = [
  {
    operationId: 'searchPost',
    method: 'POST',
    path: '/search',
    handle: (ctx) => {
      const body = parseBody(ctx, SearchBody, 'Search');
      if (body.indices.length !== 1 || body.indices[0] !== 'identities') {
        throw badRequest(`The sandbox searches the "identities" index only; indices was ${JSON.stringify(body.indices)}.`);
      }
      if (body.queryType !== undefined && body.queryType !== 'SAILPOINT') {
        throw badRequest(`The sandbox supports queryType SAILPOINT only; got "${body.queryType}".`);
      }
      const sort = body.sort ?? ['name'];
      const unknownSort = sort.find((s) => !SORTS[s]);
      if (unknownSort !== undefined) throw badRequest(`The sandbox sorts by ${Object.keys(SORTS).join(', ')}; not "${unknownSort}".`);
      const { limit, offset, count } = parsePaging(ctx.query);
      const query = parseSearchQuery(body.query?.query ?? '*');

      const identities = ctx.store.all('identities');
      const managers = new Set(identities.flatMap((i) => i.managerId ?? []));
      const found = identities
        .filter((identity) => matchesIdentity(identity, query))
        .sort((a, b) => Number(a.isMachine) - Number(b.isMachine) || sort.reduce((order, s) => order || SORTS[s]!(a, b), 0));
      const page = found.slice(offset, offset + limit).map((identity) => identityDocument(ctx.store, identity, managers));
      return pageReply(page, count ? found.length : undefined);
    },
  },
];
