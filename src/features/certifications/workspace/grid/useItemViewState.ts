import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { GridPaginationModel, GridSortModel } from '@mui/x-data-grid';
import { collectionRules } from '../../../../api/collections';
import { PAGE_SIZES } from '../../../../components/useGridUrlState';
import type { AccessType, ItemQuery, ItemSorter } from '../items';

/** Quick filters of the toolbar. `undecided` is the API's; `new` and `privileged` need the full index. */
export type QuickFilter = 'undecided' | 'new' | 'privileged';
export type ItemOrder = 'risk';
export type ItemView = 'items' | 'identities';

export const QUICK_FILTERS: readonly QuickFilter[] = ['undecided', 'new', 'privileged'];
export const ACCESS_TYPES: readonly AccessType[] = ['ENTITLEMENT', 'ACCESS_PROFILE', 'ROLE'];
export const DEFAULT_ITEM_SORT: ItemSorter = 'identitySummary.name';
export const DEFAULT_ITEM_PAGE_SIZE = 25;

/** The URL parameters of the grid's view (one place, so the page can avoid them for its own state). */
export const ITEM_VIEW_PARAMS = {
  page: 'page',
  pageSize: 'pageSize',
  sort: 'sort',
  search: 'search',
  accessType: 'type',
  source: 'source',
  quick: 'quick',
  order: 'order',
  view: 'view',
  identity: 'identity',
  item: 'item',
} as const;
const P = ITEM_VIEW_PARAMS;

const SORTABLE: readonly string[] = collectionRules.listIdentityAccessReviewItems.sorters;

export interface ItemViewChanges {
  page?: number;
  pageSize?: number;
  sort?: ItemSorter;
  search?: string;
  accessType?: AccessType | null;
  source?: string;
  quick?: QuickFilter | null;
  order?: ItemOrder | null;
  view?: ItemView;
  identity?: string | null;
  item?: string | null;
}

/** Parses the view from URL parameters; anything unknown falls back to the default. */
export function parseItemView(params: URLSearchParams) {
  const pageSize = PAGE_SIZES.includes(Number(params.get(P.pageSize))) ? Number(params.get(P.pageSize)) : DEFAULT_ITEM_PAGE_SIZE;
  const page = Math.max(0, Math.floor(Number(params.get(P.page) ?? 0)) || 0);
  const rawSort = params.get(P.sort) ?? '';
  const sort = (SORTABLE.includes(rawSort.replace(/^-/, '')) ? rawSort : DEFAULT_ITEM_SORT) as ItemSorter;
  const rawType = params.get(P.accessType);
  const accessType = ACCESS_TYPES.find((t) => t === rawType);
  const rawQuick = params.get(P.quick);
  const quick = QUICK_FILTERS.find((q) => q === rawQuick);
  const order: ItemOrder | undefined = params.get(P.order) === 'risk' ? 'risk' : undefined;
  const view: ItemView = params.get(P.view) === 'identities' ? 'identities' : 'items';
  return {
    page,
    pageSize,
    sort,
    search: params.get(P.search) ?? '',
    accessType,
    source: params.get(P.source) ?? '',
    quick,
    order,
    view,
    identity: params.get(P.identity) || undefined,
    item: params.get(P.item) || undefined,
  };
}

export type ItemViewState = ReturnType<typeof parseItemView>;

/** The API-filterable part of a view: what the tenant can filter and count. */
export function itemQueryOf(view: Pick<ItemViewState, 'search' | 'accessType' | 'source' | 'quick' | 'identity'>): ItemQuery {
  const query: ItemQuery = {};
  if (view.search.trim()) query.search = view.search.trim();
  if (view.accessType) query.accessType = view.accessType;
  if (view.source.trim()) query.source = view.source.trim();
  if (view.quick === 'undecided') query.undecided = true;
  if (view.identity) query.identitySummaryId = view.identity;
  return query;
}

/** The page of items a view shows, in the API's paging terms. */
export function itemPagingOf(view: Pick<ItemViewState, 'page' | 'pageSize' | 'sort'>): { offset: number; limit: number; sorters: ItemSorter[] } {
  return { offset: view.page * view.pageSize, limit: view.pageSize, sorters: [view.sort] };
}

/**
 * Whether the view needs the certification's full item index: "new access", "privileged" and the risk
 * order are not filters or sorters ISC offers, so the grid computes them in the browser.
 */
export function needsIndex(view: Pick<ItemViewState, 'quick' | 'order'>): boolean {
  return view.quick === 'new' || view.quick === 'privileged' || view.order === 'risk';
}

/** Writes changes into URL parameters; a filter change sends the reviewer back to the first page. */
export function applyItemViewChanges(current: URLSearchParams, changes: ItemViewChanges): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (key: string, value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  };
  const has = (key: keyof ItemViewChanges) => Object.prototype.hasOwnProperty.call(changes, key);
  if (has('pageSize')) set(P.pageSize, changes.pageSize === DEFAULT_ITEM_PAGE_SIZE ? null : String(changes.pageSize));
  if (has('sort')) set(P.sort, changes.sort === DEFAULT_ITEM_SORT ? null : changes.sort);
  if (has('search')) set(P.search, changes.search?.trim() ? changes.search : null);
  if (has('accessType')) set(P.accessType, changes.accessType);
  if (has('source')) set(P.source, changes.source?.trim() ? changes.source : null);
  if (has('quick')) set(P.quick, changes.quick);
  if (has('order')) set(P.order, changes.order);
  if (has('view')) set(P.view, changes.view === 'items' ? null : changes.view);
  if (has('identity')) set(P.identity, changes.identity);
  if (has('item')) set(P.item, changes.item);
  const resetsPage = (['pageSize', 'sort', 'search', 'accessType', 'source', 'quick', 'order', 'view', 'identity'] as const).some(has);
  if (has('page')) set(P.page, changes.page ? String(changes.page) : null);
  else if (resetsPage) next.delete(P.page);
  return next;
}

/**
 * The item grid's view, kept in the URL (replace, not push) so a link or a reload returns to the same
 * page, sort, filters, view, drilled-in identity and open item.
 *
 * Changes made in the same tick compose (each starts from the previous one's result), and a debounced
 * change made later starts from the URL as it is then, not as it was when the timer started.
 * `onChange` hears the next view as it is asked for, before the page re-renders (to start its reads).
 */
export function useItemViewState(onChange?: (next: ItemViewState) => void) {
  const [params, setParams] = useSearchParams();
  const latest = useRef(params);
  const onChangeRef = useRef(onChange);
  // The router's setter is new on every URL change; through a ref, `update` and every handler built on it
  // keep their identity, so a change of view doesn't re-render every cell of the grid (its props would change).
  const setParamsRef = useRef(setParams);
  useLayoutEffect(() => {
    latest.current = params;
    onChangeRef.current = onChange;
    setParamsRef.current = setParams;
  }, [params, onChange, setParams]);

  const state = useMemo(() => parseItemView(params), [params]);

  /**
   * `now`: a click's change (a quick filter, the access type, the view) renders in the click's own task.
   * As a transition (the router's default) React rendered it in 5 ms slices between frames: the new rows
   * showed ~290 ms after the click instead of ~170. Typed changes and the grid's own stay transitions,
   * so a key press is never held up behind a render.
   */
  const update = useCallback(
    (changes: ItemViewChanges, { now = false }: { now?: boolean } = {}) => {
      const next = applyItemViewChanges(latest.current, changes);
      if (next.toString() === latest.current.toString()) return;
      latest.current = next;
      onChangeRef.current?.(parseItemView(next));
      setParamsRef.current(next, { replace: true, flushSync: now });
    },
    [],
  );

  const query = useMemo(
    () => itemQueryOf(state),
    [state],
  );
  const paginationModel: GridPaginationModel = useMemo(() => ({ page: state.page, pageSize: state.pageSize }), [state.page, state.pageSize]);
  /** With the risk order, no column is sorted: the header shows no arrow. */
  const sortModel: GridSortModel = useMemo(
    () => (state.order === 'risk' ? [] : [{ field: state.sort.replace(/^-/, ''), sort: state.sort.startsWith('-') ? 'desc' : 'asc' }]),
    [state.sort, state.order],
  );

  const onPaginationModelChange = useCallback(
    (model: GridPaginationModel) =>
      update(model.pageSize !== state.pageSize ? { pageSize: model.pageSize } : { page: model.page }),
    [update, state.pageSize],
  );
  /** Sorting a column replaces the risk order (the two cannot both apply). */
  const onSortModelChange = useCallback(
    (model: GridSortModel) => {
      const first = model[0];
      const sort = first && SORTABLE.includes(first.field) ? (`${first.sort === 'desc' ? '-' : ''}${first.field}` as ItemSorter) : DEFAULT_ITEM_SORT;
      update({ sort, order: null });
    },
    [update],
  );

  return {
    ...state,
    /** The API filter of the view (without `new`, `privileged` and the risk order). */
    query,
    /** The view needs the full item index (client-side filter or order). */
    clientSide: needsIndex(state),
    paginationModel,
    sortModel,
    update,
    onPaginationModelChange,
    onSortModelChange,
    setSearch: useCallback((search: string) => update({ search }), [update]),
    setAccessType: useCallback((accessType: AccessType | null) => update({ accessType }, { now: true }), [update]),
    setSource: useCallback((source: string) => update({ source }), [update]),
    setQuick: useCallback((quick: QuickFilter | null) => update({ quick }, { now: true }), [update]),
    setOrder: useCallback((order: ItemOrder | null) => update({ order }, { now: true }), [update]),
    setView: useCallback((view: ItemView) => update({ view, identity: null }, { now: true }), [update]),
    /** Drills into one identity's items (the "By identity" view), or back out with null. */
    setIdentity: useCallback((identity: string | null) => update({ identity, view: 'identities' }, { now: true }), [update]),
    openItem: useCallback((item: string | null) => update({ item }), [update]),
    clearFilters: useCallback(() => update({ search: '', accessType: null, source: '', quick: null, order: null }, { now: true }), [update]),
  };
}

export type ItemViewController = ReturnType<typeof useItemViewState>;
