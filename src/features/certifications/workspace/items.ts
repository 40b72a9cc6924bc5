import { useSyncExternalStore } from 'react';
import { keepPreviousData, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { listIdentityAccessReviewItems } from '../../../api/certifications';
import { f, type Filter } from '../../../api/filters';
import { MAX_LIMIT, type FilterField, type Sorter } from '../../../api/collections';
import { BULK_CALL_SHARE } from '../../../api/rules';
import type { AccessReviewItem, ReviewDecision } from '../../../api/schemas';
import { certificationQueries } from '../queries';

/** The access types a reviewer can filter by, as ISC names them. */
export type AccessType = 'ENTITLEMENT' | 'ACCESS_PROFILE' | 'ROLE';
export type ItemSorter = Sorter<'listIdentityAccessReviewItems'>;
type ItemFilter = Filter<FilterField<'listIdentityAccessReviewItems'>>;

/** What the grid shows, in the API's terms: everything here is filtered and sorted by the tenant. */
export interface ItemQuery {
  /** Access name starts with (the search box). */
  search?: string;
  /** One identity's items (group by identity). */
  identitySummaryId?: string;
  accessType?: AccessType;
  /** Source name starts with: an entitlement's source, an access profile's source (see sourceFilter). */
  source?: string;
  /** Only items without a decision. */
  undecided?: boolean;
}

/** The API filter for an ItemQuery; undefined when it asks for everything. */
export function itemFilter(query: ItemQuery): ItemFilter | undefined {
  return f.and<FilterField<'listIdentityAccessReviewItems'>>(
    query.search?.trim() ? f.sw('access.name', query.search.trim()) : undefined,
    query.identitySummaryId ? f.eq('identitySummary.id', query.identitySummaryId) : undefined,
    query.accessType ? f.eq('access.type', query.accessType) : undefined,
    query.source?.trim() ? sourceFilter(query.source.trim(), query.accessType) : undefined,
    query.undecided ? f.eq('completed', false) : undefined,
  );
}

/**
 * ISC filters an entitlement item by `entitlement.sourceName` and an access profile item by
 * `accessProfile.sourceName`; without an access type, an item of either kind from that source matches.
 * Roles have no source, so none matches.
 */
function sourceFilter(source: string, accessType: AccessType | undefined): ItemFilter {
  if (accessType === 'ENTITLEMENT') return f.sw('entitlement.sourceName', source);
  if (accessType === 'ACCESS_PROFILE') return f.sw('accessProfile.sourceName', source);
  return f.or<FilterField<'listIdentityAccessReviewItems'>>(f.sw('entitlement.sourceName', source), f.sw('accessProfile.sourceName', source))!;
}

/** Pages of the background item index read at once. */
const INDEX_CALLS_AT_ONCE = 4;

/** Keys under the certification's detail key, so invalidating the certification refreshes its items too. */
export const itemQueries = {
  all: (certificationId: string) => [...certificationQueries.detail(certificationId).queryKey, 'items'] as const,
  page: (certificationId: string, query: ItemQuery, paging: { offset: number; limit: number; sorters: ItemSorter[] }) =>
    queryOptions({
      queryKey: [...itemQueries.all(certificationId), 'page', query, paging] as const,
      queryFn: ({ signal }) =>
        listIdentityAccessReviewItems(certificationId, { ...paging, filters: itemFilter(query), count: true }, { signal }),
      placeholderData: keepPreviousData,
    }),
  /** Every item of the certification: for grouping, risk order and client-side quick filters. */
  index: (certificationId: string, onProgress?: (loaded: number, total: number | undefined) => void) =>
    queryOptions({
      queryKey: [...itemQueries.all(certificationId), 'index'] as const,
      // Background work beside the grid's own calls: a few pages at a time, so the grid's page is not queued behind 40.
      queryFn: () => fetchItems(certificationId, {}, onProgress, { atOnce: INDEX_CALLS_AT_ONCE }),
      staleTime: 60_000,
    }),
};

/**
 * Every item matching a query, read in pages of 250 in the API's order: the set "approve everything
 * matching this filter" acts on. The first page brings the count and the rest go at once. When the caller
 * already knows how many match (the grid's count), every page goes with the first: one round trip; should
 * the count have changed meanwhile, the pages it adds are read after.
 */
export async function fetchItems(
  certificationId: string,
  query: ItemQuery,
  onProgress?: (loaded: number, total: number | undefined) => void,
  options: {
    /** Calls at once: the bulk share of the rate limit, unless the reading is background work. */
    atOnce?: number;
    /** How many items the caller expects to match. */
    expectedTotal?: number;
  } = {},
): Promise<AccessReviewItem[]> {
  const { atOnce = BULK_CALL_SHARE, expectedTotal } = options;
  const filters = itemFilter(query);
  const sorters: Sorter<'listIdentityAccessReviewItems'>[] = ['identitySummary.name', 'access.name'];
  let loaded = 0;
  let total = expectedTotal;
  let failed = false;
  const read = async (offset: number) => {
    const page = await listIdentityAccessReviewItems(certificationId, { limit: MAX_LIMIT, offset, filters, sorters });
    loaded += page.items.length;
    if (!failed) onProgress?.(loaded, total);
    return page.items;
  };
  const offsetsBelow = (from: number, end: number) => {
    const offsets: number[] = [];
    for (let offset = from; offset < end; offset += MAX_LIMIT) offsets.push(offset);
    return offsets;
  };
  const early = expectedTotal === undefined ? [] : offsetsBelow(MAX_LIMIT, Math.min(expectedTotal, atOnce * MAX_LIMIT));
  const earlyPages = Promise.all(early.map(read));
  // Awaited below; heard here too, so a failure before then is neither unhandled nor followed by progress.
  earlyPages.catch(() => void (failed = true));
  let first: Awaited<ReturnType<typeof listIdentityAccessReviewItems>>;
  try {
    first = await listIdentityAccessReviewItems(certificationId, { limit: MAX_LIMIT, offset: 0, count: true, filters, sorters });
  } catch (error) {
    failed = true;
    throw error;
  }
  loaded += first.items.length;
  const pages: AccessReviewItem[][] = [first.items, ...(await earlyPages)];
  if (first.total === undefined) {
    // No count from the server: walk on page by page after the last full page read.
    const full = pages.findIndex((page) => page.length < MAX_LIMIT);
    const kept = full === -1 ? pages : pages.slice(0, full + 1);
    for (let offset = MAX_LIMIT * kept.length; kept.at(-1)!.length === MAX_LIMIT; offset += MAX_LIMIT) kept.push(await read(offset));
    return uniqueItems(kept.flat());
  }
  total = first.total;
  onProgress?.(loaded, total);
  // The rest at once, in the API's order, as many as the bulk share of ISC's rate limit allows at a time.
  const rest = offsetsBelow(MAX_LIMIT * (1 + early.length), total);
  for (let i = 0; i < rest.length; i += atOnce) pages.push(...(await Promise.all(rest.slice(i, i + atOnce).map(read))));
  return uniqueItems(pages.flat());
}

/** Each item once: offset pages read while decisions change the filter's matches can repeat an item. */
function uniqueItems(items: AccessReviewItem[]): AccessReviewItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !item.id || (!seen.has(item.id) && Boolean(seen.add(item.id))));
}

/** Writes confirmed decisions into every cached page and index of the certification's items. */
/** Items as the tenant has them once these decisions are confirmed. */
export function withConfirmedDecisions(items: AccessReviewItem[], decisions: ReviewDecision[]): AccessReviewItem[] {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  return items.map((item) => {
    const d = item.id ? byId.get(item.id) : undefined;
    return d ? { ...item, decision: d.decision, comments: d.comments ?? null, completed: true } : item;
  });
}

export function applyDecisionsToCache(queryClient: QueryClient, certificationId: string, decisions: ReviewDecision[]): void {
  const patch = (items: AccessReviewItem[]) => withConfirmedDecisions(items, decisions);
  for (const [key, data] of queryClient.getQueriesData<unknown>({ queryKey: itemQueries.all(certificationId) })) {
    if (Array.isArray(data)) queryClient.setQueryData(key, patch(data as AccessReviewItem[]));
    else if (data && typeof data === 'object' && 'items' in data) {
      const page = data as { items: AccessReviewItem[]; total: number | undefined };
      queryClient.setQueryData(key, { ...page, items: patch(page.items) });
    }
  }
}

type IndexProgress = { loaded: number; total: number | undefined };
const indexProgress = new Map<string, IndexProgress>();
const progressListeners = new Set<() => void>();
const subscribeProgress = (listener: () => void) => {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
};
function reportProgress(certificationId: string, progress: IndexProgress) {
  indexProgress.set(certificationId, progress);
  for (const listener of progressListeners) listener();
}

/**
 * The certification's full item index, loaded in the background, with how far it has got. Progress is
 * shared: every component asking for the same index sees the same figure.
 */
export function useItemIndex(certificationId: string, enabled = true) {
  const query = useQuery({ ...itemQueries.index(certificationId, (loaded, total) => reportProgress(certificationId, { loaded, total })), enabled });
  const progress = useSyncExternalStore(subscribeProgress, () => indexProgress.get(certificationId) ?? null);
  return { ...query, progress };
}
