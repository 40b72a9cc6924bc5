import type { QueryClient } from '@tanstack/react-query';
import { certificationQueries } from './queries';
import { itemQueries } from './workspace/items';
import { taskQueries } from './workspace/reassign/queries';
import { itemPagingOf, itemQueryOf, needsIndex, parseItemView, type ItemViewState } from './workspace/grid/useItemViewState';

/**
 * The workspace's first reads, started together by the route's loader while the page's code loads: the
 * certification, its reviewers, its pending reassignments and the page of items the URL asks for. The
 * page's own queries find them in flight (same keys) instead of asking one after another.
 */
export function prefetchWorkspace(queryClient: QueryClient, certificationId: string, search: URLSearchParams): void {
  void queryClient.prefetchQuery(certificationQueries.detail(certificationId));
  void queryClient.prefetchQuery(certificationQueries.reviewers(certificationId));
  void queryClient.prefetchQuery(taskQueries.pending(certificationId));
  prefetchItemView(queryClient, certificationId, parseItemView(search));
}

/** Starts the read of the page of items a view shows (the grid's query key), as soon as the view is asked for. */
export function prefetchItemView(queryClient: QueryClient, certificationId: string, view: ItemViewState): void {
  // The identity list and the views computed in the browser read other things.
  if (needsIndex(view) || (view.view === 'identities' && !view.identity)) return;
  void queryClient.prefetchQuery(itemQueries.page(certificationId, itemQueryOf(view), itemPagingOf(view)));
}
