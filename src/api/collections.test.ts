import { describe, expect, it, vi } from 'vitest';
import { collectionRules, fetchAllPages, MAX_LIMIT, type CollectionPage, type Paging } from './collections';

/** A collection of `size` numbered records served page by page, as ISC would; records every request. */
function server(size: number, options: { count?: boolean } = {}) {
  const requests: Required<Paging>[] = [];
  const fetchPage = vi.fn(async (paging: Required<Paging>): Promise<CollectionPage<number>> => {
    requests.push(paging);
    const items = Array.from({ length: Math.max(0, Math.min(paging.limit, size - paging.offset)) }, (_, i) => paging.offset + i);
    return { items, total: paging.count && options.count !== false ? size : undefined };
  });
  return { fetchPage, requests };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('fetchAllPages', () => {
  it('walks every page in order, asking for the count on the first page only', async () => {
    const { fetchPage, requests } = server(620);
    const all = await fetchAllPages(fetchPage);
    expect(all).toEqual(range(620));
    expect(requests).toEqual([
      { limit: 250, offset: 0, count: true },
      { limit: 250, offset: 250, count: false },
      { limit: 250, offset: 500, count: false },
    ]);
  });

  it('stops on a short page when there is no total', async () => {
    const { fetchPage, requests } = server(45, { count: false });
    expect(await fetchAllPages(fetchPage, { limit: 20 })).toEqual(range(45));
    expect(requests.map((r) => r.offset)).toEqual([0, 20, 40]);
  });

  it('without a total, a full last page costs one more (empty) request', async () => {
    const { fetchPage, requests } = server(40, { count: false });
    expect(await fetchAllPages(fetchPage, { limit: 20 })).toEqual(range(40));
    expect(requests.map((r) => r.offset)).toEqual([0, 20, 40]);
  });

  it('stops on the total without asking for an empty page', async () => {
    const { fetchPage, requests } = server(500);
    expect(await fetchAllPages(fetchPage)).toHaveLength(500);
    expect(requests.map((r) => r.offset)).toEqual([0, 250]);
  });

  it('stops on the total even if pages stay full (the collection grew meanwhile)', async () => {
    let calls = 0;
    const all = await fetchAllPages(
      async (paging) => {
        calls++;
        return { items: range(paging.limit), total: paging.offset === 0 ? 30 : 9999 };
      },
      { limit: 10 },
    );
    expect(all).toHaveLength(30);
    expect(calls).toBe(3);
  });

  it('an empty collection is one request', async () => {
    const { fetchPage, requests } = server(0);
    expect(await fetchAllPages(fetchPage)).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('reports progress after every page, with the total when known', async () => {
    const progress: [number, number | undefined][] = [];
    await fetchAllPages(server(260).fetchPage, { limit: 100, onProgress: (loaded, total) => progress.push([loaded, total]) });
    expect(progress).toEqual([
      [100, 260],
      [200, 260],
      [260, 260],
    ]);

    const unknown: [number, number | undefined][] = [];
    await fetchAllPages(server(150, { count: false }).fetchPage, { limit: 100, onProgress: (l, t) => unknown.push([l, t]) });
    expect(unknown).toEqual([
      [100, undefined],
      [150, undefined],
    ]);
  });

  it('never asks for more than 250 at a time, nor for fewer than 1', async () => {
    const big = server(300);
    await fetchAllPages(big.fetchPage, { limit: 1000 });
    expect(big.requests.every((r) => r.limit === MAX_LIMIT)).toBe(true);

    const zero = server(3, { count: false });
    expect(await fetchAllPages(zero.fetchPage, { limit: 0 })).toEqual([0, 1, 2]);
    expect(zero.requests.every((r) => r.limit >= 1)).toBe(true);
  });

  it('a failing page fails the walk', async () => {
    const error = new Error('boom');
    await expect(
      fetchAllPages(async (paging) => {
        if (paging.offset > 0) throw error;
        return { items: range(paging.limit), total: undefined };
      }),
    ).rejects.toBe(error);
  });
});

describe('collection rules match API-NOTES §1', () => {
  it('listIdentityCertifications', () => {
    expect(collectionRules.listIdentityCertifications).toEqual({
      filters: { id: ['eq', 'in'], 'campaign.id': ['eq', 'in'], phase: ['eq'], completed: ['eq'] },
      sorters: ['name', 'due', 'signed'],
    });
  });

  it('listIdentityAccessReviewItems', () => {
    expect(collectionRules.listIdentityAccessReviewItems).toEqual({
      filters: {
        id: ['eq', 'in'],
        type: ['eq'],
        'access.type': ['eq'],
        completed: ['eq', 'ne'],
        'identitySummary.id': ['eq', 'in'],
        'identitySummary.name': ['eq', 'sw'],
        'access.id': ['eq', 'in'],
        'access.name': ['eq', 'sw'],
        'entitlement.sourceName': ['eq', 'sw'],
        'accessProfile.sourceName': ['eq', 'sw'],
      },
      sorters: ['identitySummary.name', 'access.name', 'access.type', 'entitlement.sourceName', 'accessProfile.sourceName'],
    });
  });

  it('the other Certifications lists', () => {
    expect(collectionRules.getIdentityCertificationItemPermissions).toEqual({ filters: { target: ['eq', 'sw'], rights: ['ca'] }, sorters: [] });
    expect(collectionRules.listCertificationReviewers).toEqual({
      filters: { id: ['eq', 'in'], name: ['eq', 'sw'], email: ['eq', 'sw'] },
      sorters: ['name', 'email'],
    });
    expect(collectionRules.getPendingCertificationTasks).toEqual({
      filters: { id: ['eq', 'in'], targetId: ['eq', 'in'], type: ['eq', 'in'] },
      sorters: [],
    });
  });

  it('the Campaigns lists', () => {
    expect(collectionRules.getActiveCampaigns).toEqual({
      filters: { id: ['eq', 'in'], name: ['eq', 'sw'], status: ['eq', 'in'] },
      sorters: ['name', 'created'],
    });
    const all = ['eq', 'ge', 'gt', 'in', 'le', 'lt', 'ne', 'sw'];
    expect(collectionRules.getCampaignTemplates).toEqual({ filters: { name: all, id: all }, sorters: ['name', 'created', 'modified'] });
  });

  it('limit is at most 250', () => {
    expect(MAX_LIMIT).toBe(250);
  });
});
