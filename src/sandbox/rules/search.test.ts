// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setupSandbox } from '../../../test/sandbox-harness';
import { refused } from '../../../test/expect-api';
import { request } from '../../api/http';
import { searchIdentities } from '../../api/search';
import { matchesIdentity, parseSearchQuery } from './search';
import type { Identity } from '../model';

const sb = setupSandbox();

/** A search with the body and query parameters exactly as given. */
function rawSearch(body: unknown, query: Record<string, string> = {}) {
  return request({ operationId: 'searchPost', method: 'POST', path: '/search', query, body, schema: z.array(z.record(z.string(), z.unknown())) });
}

const identities = () => sb.tenant.store.all('identities');
const morgan = () => identities().find((i) => i.id === sb.persona('manager').identityId)!;

describe('POST /search (identities)', () => {
  it('finds Morgan Reyes by first name, last name, email, prefix and id, case-insensitively', async () => {
    const { id, email } = morgan();
    for (const text of ['morgan', 'REYES', 'Morgan Reyes', 'morg', 'morgan re', email!, email!.slice(0, 8), id]) {
      const found = await searchIdentities(text);
      expect(found.map((d) => d.id), text).toContain(id);
    }
  });

  it('answers ISC identity documents: id, name, displayName, email and more', async () => {
    const typed = await searchIdentities('Morgan Reyes');
    const raw = await rawSearch({ indices: ['identities'], query: { query: '"Morgan Reyes"' } });
    const doc = raw.data.find((d) => d.id === morgan().id)!;
    expect(doc).toMatchObject({ name: 'Morgan Reyes', displayName: 'Morgan Reyes', email: morgan().email, firstName: 'Morgan', lastName: 'Reyes', isManager: true, _type: 'identity' });
    const manager = identities().find((i) => i.id === morgan().managerId)!;
    expect(typed.find((d) => d.id === morgan().id)).toEqual({
      id: morgan().id,
      name: 'Morgan Reyes',
      displayName: 'Morgan Reyes',
      email: morgan().email,
      // The manager reference: the console escalates a stalled reviewer's work to them.
      manager: { id: manager.id, name: manager.name, displayName: manager.name },
    });
  });

  it('matches a quoted phrase on whole words in order, and a trailing * as a prefix', async () => {
    const ids = async (query: string) => (await rawSearch({ indices: ['identities'], query: { query } })).data.map((d) => d.id);
    expect(await ids('"Morgan Reyes"')).toEqual([morgan().id]);
    expect(await ids('"Reyes Morgan"')).toEqual([]);
    expect(await ids('"organ"')).toEqual([]);
    expect(await ids('reye*')).toContain(morgan().id);
    expect(await ids('name:morgan AND email:reyes*')).toEqual([morgan().id]);
    expect(await ids('morgan AND NOT reyes')).not.toContain(morgan().id);
  });

  it('lists people first, then machine identities, each by name; * matches everyone', async () => {
    const { data, headers } = await rawSearch({ indices: ['identities'], query: { query: '*' }, sort: ['name'] }, { count: 'true' });
    expect(Number(headers.get('X-Total-Count'))).toBe(identities().length);
    expect(data).toHaveLength(Math.min(250, identities().length));
    const byId = new Map(identities().map((i) => [i.id, i]));
    const all = (await walk()).map((d) => byId.get(d.id as string)!);
    const firstMachine = all.findIndex((i) => i.isMachine);
    expect(firstMachine).toBeGreaterThan(0);
    expect(all.slice(firstMachine).every((i) => i.isMachine)).toBe(true);
    const people = all.slice(0, firstMachine).map((i) => i.name);
    expect(people).toEqual([...people].sort((a, b) => a.localeCompare(b)));
  });

  it('pages with limit and offset', async () => {
    const first = (await rawSearch({ indices: ['identities'], query: { query: '*' } }, { limit: '5' })).data;
    const second = (await rawSearch({ indices: ['identities'], query: { query: '*' } }, { limit: '5', offset: '5' })).data;
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(second[0]!.id).not.toBe(first[4]!.id);
    expect(await searchIdentities('a', { limit: 3 })).toHaveLength(3);
  });

  it('refuses other indices, limit over 250 and query syntax it does not know, with 400', async () => {
    await refused(rawSearch({ indices: ['accessprofiles'], query: { query: '*' } }), 400, /"identities" index only/);
    await refused(rawSearch({ indices: ['identities', 'roles'], query: { query: '*' } }), 400, /identities/);
    await refused(rawSearch({ query: { query: '*' } }), 400, /indices/);
    await refused(rawSearch({ indices: ['identities'], query: { query: '*' } }, { limit: '251' }), 400, /at most 250/);
    await refused(rawSearch({ indices: ['identities'], query: { query: '@access(source.name:AD)' } }), 400, /"@"/);
    await refused(rawSearch({ indices: ['identities'], query: { query: '"unclosed' } }), 400, /not closed/);
    await refused(rawSearch({ indices: ['identities'], query: { query: 'attributes.cloudLifecycleState:active' } }), 400, /fields/);
    await refused(rawSearch({ indices: ['identities'], query: { query: '*' }, sort: ['created'] }), 400, /sorts by/);
  });

  it('lets any signed-in identity search, and no one else', async () => {
    sb.signInAs('source-owner');
    expect((await searchIdentities('morgan')).map((d) => d.name)).toContain('Morgan Reyes');
    sb.token = null;
    await refused(searchIdentities('morgan'), 401);
  });
});

describe('the sandbox query parser', () => {
  const person: Identity = {
    id: '2c9180857a1c8e3b017a1d0f3b2e0001',
    name: 'Mary-Jane O’Neil',
    email: 'mary-jane.oneil@acme.example',
    managerId: null,
    department: 'Sales',
    title: 'Rep',
    levels: [],
    isMachine: false,
    ownerId: null,
  };
  const matches = (query: string) => matchesIdentity(person, parseSearchQuery(query));

  it('reads escapes as literal characters', () => {
    expect(parseSearchQuery('mary\\-jane*')).toEqual({ kind: 'match', field: null, text: 'mary-jane', phrase: false, prefix: true });
    expect(parseSearchQuery('"say \\"hi\\" \\\\ now"')).toEqual({ kind: 'match', field: null, text: 'say "hi" \\ now', phrase: true, prefix: false });
    expect(matches('mary\\-jane*')).toBe(true);
    expect(matches('mary\\-jane.oneil\\@acme*')).toBe(true);
    expect(matches('"mary jane"')).toBe(true);
    expect(matches('oneil')).toBe(true);
    expect(matches('ary')).toBe(false);
  });

  it('joins side-by-side clauses with OR and honours AND, NOT and parentheses', () => {
    expect(matches('nobody mary')).toBe(true);
    expect(matches('nobody AND mary')).toBe(false);
    expect(matches('(nobody OR mary) AND NOT jane')).toBe(false);
    expect(matches('NOT nobody')).toBe(true);
  });

  it('rejects a wildcard inside a term', () => {
    expect(() => parseSearchQuery('ma*ry')).toThrow(/only at the end/);
  });
});

async function walk(): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 250) {
    const { data } = await rawSearch({ indices: ['identities'], query: { query: '*' } }, { limit: '250', offset: String(offset) });
    all.push(...data);
    if (data.length < 250) return all;
  }
}
