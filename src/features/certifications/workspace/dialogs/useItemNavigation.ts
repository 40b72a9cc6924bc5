import { useCallback, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccessReviewItem } from '../../../../api/schemas';
import { clientView } from '../grid/clientItems';
import { useItemViewState } from '../grid/useItemViewState';
import { itemQueries, useItemIndex } from '../items';

const NO_ROWS: AccessReviewItem[] = [];

/**
 * The rows the item grid shows for the URL's view, from the same queries (so the same cache, no extra
 * request): a page of the tenant's items, or a page of the full index for client-side views.
 */
function useViewRows(certificationId: string, enabled: boolean) {
  const view = useItemViewState();
  const offset = view.page * view.pageSize;
  const server = useQuery({
    ...itemQueries.page(certificationId, view.query, { offset, limit: view.pageSize, sorters: [view.sort] }),
    enabled: enabled && !view.clientSide && certificationId !== '',
  });
  const index = useItemIndex(certificationId, enabled && view.clientSide && certificationId !== '');
  const matching = useMemo(
    () => (view.clientSide && index.data ? clientView(index.data, { query: view.query, quick: view.quick, order: view.order, sort: view.sort }) : undefined),
    [view.clientSide, index.data, view.query, view.quick, view.order, view.sort],
  );
  const queryClient = useQueryClient();
  /** The rows of another page of the view (read through the grid's own query, so the grid finds them cached). */
  const readPage = useCallback(
    async (page: number): Promise<AccessReviewItem[]> => {
      const start = page * view.pageSize;
      if (view.clientSide) return matching?.slice(start, start + view.pageSize) ?? [];
      const data = await queryClient.fetchQuery(itemQueries.page(certificationId, view.query, { offset: start, limit: view.pageSize, sorters: [view.sort] }));
      return data.items;
    },
    [queryClient, certificationId, view.clientSide, view.pageSize, view.query, view.sort, matching],
  );
  if (view.clientSide) {
    return { view, offset, readPage, rows: matching?.slice(offset, offset + view.pageSize) ?? NO_ROWS, count: matching?.length, settled: matching !== undefined };
  }
  const rows = server.data?.items ?? NO_ROWS;
  return { view, offset, readPage, rows, count: server.data ? (server.data.total ?? rows.length) : undefined, settled: server.data !== undefined && !server.isPlaceholderData };
}

export interface ItemNavigation {
  /** "Item 3 of 25", or why the item has no place in the view. */
  position: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
}

/**
 * Previous and next item for the details pane, in the grid's order: the rows of the grid's page, and over
 * a page boundary the next or previous page (the grid follows, since the page is in the URL). An item that
 * left the view (decided in "Undecided") is followed by the row that took its place.
 */
export function useItemNavigation(certificationId: string, item: AccessReviewItem | null, onShow: (item: AccessReviewItem) => void): ItemNavigation & { current: AccessReviewItem | null } {
  const { view, offset, rows, count, settled, readPage } = useViewRows(certificationId, item !== null);
  const index = item ? rows.findIndex((r) => r.id === item.id) : -1;
  // Where the item was last seen: the row after it moves up when it leaves the view.
  const [lastIndex, setLastIndex] = useState(-1);
  if (index >= 0 && index !== lastIndex) setLastIndex(index);
  const [turning, setTurning] = useState<string | null>(null);
  const { openItem, update } = view;

  const show = useCallback(
    (next: AccessReviewItem) => {
      openItem(next.id ?? null);
      onShow(next);
    },
    [openItem, onShow],
  );

  /** Turns the grid to another page and shows its first or last item. */
  const turnTo = useCallback(
    async (page: number, edge: 'first' | 'last') => {
      setTurning(edge === 'first' ? 'Loading the next page…' : 'Loading the previous page…');
      try {
        const items = await readPage(page);
        const next = edge === 'first' ? items[0] : items[items.length - 1];
        update({ page });
        if (next) show(next);
        setTurning(null);
      } catch {
        setTurning('The next items could not be loaded. Close the pane and try again from the grid.');
      }
    },
    [readPage, update, show],
  );

  const gone = index < 0;
  const at = gone ? Math.min(lastIndex, rows.length) : index;
  const nextIndex = gone ? at : at + 1;
  const previousIndex = at - 1;
  const morePages = count !== undefined && offset + rows.length < count;
  const hasNext = settled && !turning && (nextIndex < rows.length || morePages);
  const hasPrevious = settled && !turning && (previousIndex >= 0 || view.page > 0);

  const onNext = useCallback(() => {
    if (!hasNext) return;
    const next = rows[nextIndex];
    if (next) show(next);
    else void turnTo(view.page + 1, 'first');
  }, [hasNext, rows, nextIndex, show, turnTo, view.page]);

  const onPrevious = useCallback(() => {
    if (!hasPrevious) return;
    const previous = previousIndex >= 0 ? rows[previousIndex] : undefined;
    if (previous) show(previous);
    else void turnTo(view.page - 1, 'last');
  }, [hasPrevious, rows, previousIndex, show, turnTo, view.page]);

  const position = turning
    ? turning
    : gone
      ? settled
        ? 'No longer in this view'
        : 'Loading…'
      : `Item ${(offset + index + 1).toLocaleString()} of ${(count ?? rows.length).toLocaleString()}`;

  // The row as the grid has it now (a confirmed decision is written into it), else the one opened.
  const current = gone ? item : rows[index]!;
  return { position, hasPrevious, hasNext, onPrevious, onNext, current };
}
