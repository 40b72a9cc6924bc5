// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listIdentityCertifications } from '../../../api/certifications';
import { f, toFilterString } from '../../../api/filters';
import type { AccessReviewItem } from '../../../api/schemas';
import { setupSandbox } from '../../../../test/sandbox-harness';
import { fetchItems, itemFilter } from './items';
import { matchesQuery } from './grid/clientItems';

/** The Source filter asks the tenant for an access type's own source field, and the index agrees with it. */
describe('the Source filter', () => {
  const sb = setupSandbox();

  /** Each item's source as the tenant knows it (an access profile's own source, which its DTO doesn't carry). */
  function sourceOf(item: AccessReviewItem): string | null {
    const access = item.accessSummary!.access!;
    const store = sb.tenant.store;
    if (access.type === 'ENTITLEMENT') return store.get('sources', store.get('entitlements', access.id!)!.sourceId)!.name;
    if (access.type === 'ACCESS_PROFILE') return store.get('sources', store.get('accessProfiles', access.id!)!.sourceId)!.name;
    return null;
  }

  /** The manager's active certification with access profile items, with every item. */
  async function certificationWithAccessProfiles() {
    const certs = (await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') })).items;
    for (const cert of certs) {
      if ((cert.decisionsTotal ?? 0) > 2000) continue;
      const items = await fetchItems(cert.id!, {});
      if (items.some((i) => i.accessSummary?.access?.type === 'ACCESS_PROFILE')) return { id: cert.id!, items };
    }
    throw new Error('The manager has no certification with access profiles');
  }

  it('filters access profiles by accessProfile.sourceName and entitlements by entitlement.sourceName', async () => {
    expect(toFilterString(itemFilter({ source: 'Act', accessType: 'ACCESS_PROFILE' })!)).toBe('access.type eq "ACCESS_PROFILE" and accessProfile.sourceName sw "Act"');
    expect(toFilterString(itemFilter({ source: 'Act', accessType: 'ENTITLEMENT' })!)).toBe('access.type eq "ENTITLEMENT" and entitlement.sourceName sw "Act"');
    const { id, items } = await certificationWithAccessProfiles();
    const profile = items.find((i) => i.accessSummary?.access?.type === 'ACCESS_PROFILE')!;
    const source = sourceOf(profile)!;
    const prefix = source.slice(0, 4).toLowerCase();
    const ids = (list: AccessReviewItem[]) => list.map((i) => i.id).sort();
    const starts = (i: AccessReviewItem) => (sourceOf(i) ?? '').toLowerCase().startsWith(prefix);

    const profiles = await fetchItems(id, { source: prefix, accessType: 'ACCESS_PROFILE' });
    expect(profiles.length).toBeGreaterThan(0);
    expect(ids(profiles)).toEqual(ids(items.filter((i) => i.accessSummary?.access?.type === 'ACCESS_PROFILE' && starts(i))));

    const entitlements = await fetchItems(id, { source: prefix, accessType: 'ENTITLEMENT' });
    expect(ids(entitlements)).toEqual(ids(items.filter((i) => i.accessSummary?.access?.type === 'ENTITLEMENT' && starts(i))));

    // Without an access type, both kinds from that source.
    const either = await fetchItems(id, { source: prefix });
    expect(ids(either)).toEqual(ids([...profiles, ...entitlements]));
    expect(either.some((i) => i.accessSummary?.access?.type === 'ACCESS_PROFILE')).toBe(true);
  });

  it('matches in the browser (client-side views) what the tenant matches', async () => {
    const { id, items } = await certificationWithAccessProfiles();
    const profile = items.find((i) => i.accessSummary?.access?.type === 'ACCESS_PROFILE')!;
    const prefix = sourceOf(profile)!.slice(0, 4);
    for (const accessType of [undefined, 'ENTITLEMENT', 'ACCESS_PROFILE'] as const) {
      const fromTenant = (await fetchItems(id, { source: prefix, accessType })).map((i) => i.id).sort();
      const inBrowser = items.filter((i) => matchesQuery(i, { source: prefix, accessType })).map((i) => i.id).sort();
      expect(inBrowser, String(accessType)).toEqual(fromTenant);
    }
  });
});

/** "Approve all matching": every matching item, read in pages of 250. */
describe('reading every item that matches', () => {
  const sb = setupSandbox();

  /** The source owner's 10,000-item certification, and how many of its list calls were out at once at most. */
  async function bigCertification() {
    sb.signInAs('source-owner');
    const certs = (await listIdentityCertifications({ reviewerIdentity: 'me', filters: f.eq('phase', 'ACTIVE') })).items;
    return certs.find((c) => (c.decisionsTotal ?? 0) >= 10_000)!;
  }
  function countCalls(options: { noCount?: boolean } = {}) {
    const original = globalThis.fetch;
    const seen = { calls: 0, inFlight: 0, most: 0 };
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args: Parameters<typeof fetch>) => {
      const listing = String(args[0] instanceof Request ? args[0].url : args[0]).includes('/access-review-items');
      if (!listing) return original(...args);
      seen.calls++;
      seen.most = Math.max(seen.most, ++seen.inFlight);
      try {
        const response = await original(...args);
        if (!options.noCount) return response;
        const headers = new Headers(response.headers);
        headers.delete('X-Total-Count');
        return new Response(await response.text(), { status: response.status, headers });
      } finally {
        seen.inFlight--;
      }
    });
    return seen;
  }
  afterEach(() => vi.restoreAllMocks());

  it('knowing the count, reads every page at once (one round trip): 10,000 items in 40 calls, each once', async () => {
    const cert = await bigCertification();
    const seen = countCalls();
    const progress: [number, number | undefined][] = [];
    const items = await fetchItems(cert.id!, {}, (loaded, total) => progress.push([loaded, total]), { expectedTotal: 10_000 });
    expect(items).toHaveLength(10_000);
    expect(new Set(items.map((i) => i.id)).size).toBe(10_000);
    expect(seen.calls).toBe(40);
    expect(seen.most).toBe(40);
    expect(progress.at(-1)).toEqual([10_000, 10_000]);
  });

  it('without the count, reads the first page (with its count), then the rest at once', async () => {
    const cert = await bigCertification();
    const seen = countCalls();
    const items = await fetchItems(cert.id!, {});
    expect(items).toHaveLength(10_000);
    expect(seen.calls).toBe(40);
    expect(seen.most).toBe(39);
  });

  it('when more match than the caller expected, reads the pages beyond as well', async () => {
    const cert = await bigCertification();
    const seen = countCalls();
    const items = await fetchItems(cert.id!, {}, undefined, { expectedTotal: 600 });
    expect(items).toHaveLength(10_000);
    expect(new Set(items.map((i) => i.id)).size).toBe(10_000);
    expect(seen.calls).toBe(40);
  });

  it('from a tenant that sends no count, keeps the pages read at once and walks on after them', async () => {
    const cert = await bigCertification();
    const seen = countCalls({ noCount: true });
    const items = await fetchItems(cert.id!, {}, undefined, { expectedTotal: 1_000 });
    expect(items).toHaveLength(10_000);
    expect(new Set(items.map((i) => i.id)).size).toBe(10_000);
    // 4 pages at once, then one by one to the first short page (none: 10,000 is 40 full pages, and one empty).
    expect(seen.calls).toBe(41);
  });
});
