import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../../../../../test/sandbox-harness';
import { fetchItems, type ItemQuery } from '../items';
import { riskScore } from '../risk';
import { clientView, matchesQuery } from './clientItems';
import { applyItemViewChanges, itemQueryOf, needsIndex, parseItemView } from './useItemViewState';

const sb = setupSandbox();

describe('client-side view over the index', () => {
  it('matches exactly what the tenant matches for every API filter', async () => {
    const manager = sb.persona('manager').identityId;
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE' && /Manager Review/.test(c.name))!;
    const all = await fetchItems(cert.id, {});
    const someone = all[0]!.identitySummary!.id!;
    const queries: ItemQuery[] = [
      { search: 'acme' },
      { search: '<IMG' },
      { accessType: 'ACCESS_PROFILE' },
      { source: 'sales' },
      { undecided: true },
      { identitySummaryId: someone, accessType: 'ENTITLEMENT' },
      { search: 'a', source: 'Corporate', undecided: true },
    ];
    let nonEmpty = 0;
    for (const query of queries) {
      const server = await fetchItems(cert.id, query);
      if (server.length > 0 && server.length < all.length) nonEmpty++;
      const client = all.filter((item) => matchesQuery(item, query));
      expect(client.map((i) => i.id).sort(), JSON.stringify(query)).toEqual(server.map((i) => i.id).sort());
    }
    expect(nonEmpty).toBeGreaterThanOrEqual(6);
  });

  it('orders by risk, riskiest first, then by the sorter', async () => {
    const manager = sb.persona('manager').identityId;
    const cert = sb.tenant.store.all('certifications').find((c) => c.reviewerId === manager && c.phase === 'ACTIVE' && /Manager Review/.test(c.name))!;
    const all = await fetchItems(cert.id, {});
    const ordered = clientView(all, { query: {}, quick: undefined, order: 'risk', sort: 'access.name' });
    expect(ordered).toHaveLength(all.length);
    for (let i = 1; i < ordered.length; i++) expect(riskScore(ordered[i - 1]!)).toBeGreaterThanOrEqual(riskScore(ordered[i]!));
    const privileged = clientView(all, { query: {}, quick: 'privileged', order: undefined, sort: '-access.name' });
    const names = privileged.map((i) => i.accessSummary!.access!.name!.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });
});

describe('view in the URL', () => {
  it('parses defaults, ignores nonsense and keeps the API part apart', () => {
    const view = parseItemView(new URLSearchParams('page=-3&pageSize=7&sort=-bogus&type=GROUP&quick=new&order=risk&view=identities&identity=abc&search=%20Ex%20'));
    expect(view).toMatchObject({ page: 0, pageSize: 25, sort: 'identitySummary.name', accessType: undefined, quick: 'new', order: 'risk', view: 'identities', identity: 'abc' });
    expect(itemQueryOf(view)).toEqual({ search: 'Ex', identitySummaryId: 'abc' });
    expect(needsIndex(view)).toBe(true);
    expect(needsIndex({ quick: 'undecided', order: undefined })).toBe(false);
  });

  it('goes back to the first page when a filter or the sort changes, not when an item opens', () => {
    const at = new URLSearchParams('page=3&other=kept');
    expect(applyItemViewChanges(at, { search: 'ad' }).toString()).toBe('other=kept&search=ad');
    expect(applyItemViewChanges(at, { item: 'i1' }).toString()).toBe('page=3&other=kept&item=i1');
    expect(applyItemViewChanges(at, { sort: 'identitySummary.name' }).get('sort')).toBeNull();
    expect(applyItemViewChanges(at, { page: 0 }).get('page')).toBeNull();
  });
});
