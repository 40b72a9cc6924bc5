import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureClient, getClientConfig } from './http';
import { escapeTerm, identityQuery, IdentityDocument, quotePhrase, searchIdentities } from './search';
import { parseSearchQuery } from '../sandbox/rules/search';

describe('escaping for ISC query syntax', () => {
  it('quotes a phrase, escaping only " and \\', () => {
    expect(quotePhrase('Morgan Reyes')).toBe('"Morgan Reyes"');
    expect(quotePhrase('say "hi" \\ (now)*')).toBe('"say \\"hi\\" \\\\ (now)*"');
  });

  it('escapes every reserved character of a term and drops < and >', () => {
    expect(escapeTerm('morgan.reyes@acme.com')).toBe('morgan.reyes\\@acme.com');
    expect(escapeTerm('+-=&|!(){}[]^"~*?:\\/')).toBe('\\+\\-\\=\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/');
    expect(escapeTerm('a<b>c')).toBe('abc');
  });

  it('searches the text as a phrase or as word prefixes', () => {
    expect(identityQuery('morgan')).toBe('"morgan" OR (morgan*)');
    expect(identityQuery('  Morgan   Re ')).toBe('"Morgan Re" OR (morgan* AND re*)');
    expect(identityQuery('morgan.reyes@acme.com')).toBe('"morgan.reyes@acme.com" OR (morgan.reyes\\@acme.com*)');
    expect(identityQuery('<>')).toBe('"<>"');
    expect(identityQuery('   ')).toBeNull();
  });

  it('keeps hostile input literal: it can add no operator, field, wildcard or nested query', () => {
    const hostile = [
      '") OR id:* OR ("',
      '*',
      'x AND NOT y',
      'OR',
      '@access(source.name:"AD")',
      'name:admin*',
      'a\\',
      '\\"',
      'x" OR "y',
      '(a OR b',
      'a~2 b^9 /re.ex/ [1 TO 5] {a TO b} +must -not !bang &&and ||or',
    ];
    for (const text of hostile) {
      const words = text.trim().split(/\s+/).map((w) => w.toLowerCase().replace(/[<>]/g, '')).filter(Boolean);
      // What the tenant reads back: the whole text as one phrase, or each typed word as one literal prefix.
      expect(parseSearchQuery(identityQuery(text)!), text).toEqual({
        kind: 'or',
        terms: [
          { kind: 'match', field: null, text: text.trim(), phrase: true, prefix: false },
          words.length === 1
            ? { kind: 'match', field: null, text: words[0], phrase: false, prefix: true }
            : { kind: 'and', terms: words.map((w) => ({ kind: 'match', field: null, text: w, phrase: false, prefix: true })) },
        ],
      });
    }
  });
});

describe('searchIdentities', () => {
  const original = getClientConfig();
  afterEach(() => configureClient(original));

  function answer(body: unknown) {
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    configureClient({ fetch, baseUrl: 'https://tenant.example/v3', getAccessToken: () => 't' });
    return fetch;
  }

  it('POSTs to /v3/search on the identities index, sorted by name, with the limit', async () => {
    const fetch = answer([]);
    await searchIdentities('Morgan', { limit: 20 });
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).toBe('https://tenant.example/v3/search?limit=20');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ indices: ['identities'], query: { query: '"Morgan" OR (morgan*)' }, sort: ['name'] });
  });

  it('keeps id, name, displayName and email of each document, and tolerates null email and extra fields', async () => {
    answer([{ id: '1', name: 'svc-backup', displayName: null, email: null, _type: 'identity', attributes: { x: 1 } }]);
    expect(await searchIdentities('svc')).toEqual([{ id: '1', name: 'svc-backup', displayName: null, email: null }]);
    expect(IdentityDocument.safeParse({ name: 'no id' }).success).toBe(false);
  });

  it('sends nothing for blank text and refuses a limit outside 1..250', async () => {
    const fetch = answer([]);
    expect(await searchIdentities('  ')).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
    await expect(searchIdentities('x', { limit: 251 })).rejects.toThrow(RangeError);
    await expect(searchIdentities('x', { limit: 0 })).rejects.toThrow(RangeError);
  });
});
