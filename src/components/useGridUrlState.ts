import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { GridPaginationModel, GridSortModel } from '@mui/x-data-grid';

export const PAGE_SIZES = [10, 25, 50, 100];

/**
 * Page, page size and sort of a server-mode grid, kept in the URL so a link or a reload brings the
 * reviewer back to the same view. `sort` is ISC's sorter syntax: `field` or `-field`.
 */
export function useGridUrlState<Field extends string>(options: { sortable: readonly Field[]; defaultSort: Field | `-${Field}`; defaultPageSize?: number }) {
  const [params, setParams] = useSearchParams();
  const { sortable, defaultSort, defaultPageSize = 25 } = options;

  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : defaultPageSize;
  const page = Math.max(0, Math.floor(Number(params.get('page') ?? 0)) || 0);
  const rawSort = params.get('sort') ?? defaultSort;
  const sortField = rawSort.replace(/^-/, '') as Field;
  const sort: Field | `-${Field}` = sortable.includes(sortField) ? (rawSort as Field | `-${Field}`) : defaultSort;

  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const paginationModel: GridPaginationModel = useMemo(() => ({ page, pageSize }), [page, pageSize]);
  const sortModel: GridSortModel = useMemo(
    () => [{ field: sort.replace(/^-/, ''), sort: sort.startsWith('-') ? 'desc' : 'asc' }],
    [sort],
  );

  const onPaginationModelChange = useCallback(
    (model: GridPaginationModel) => update({ page: model.page ? String(model.page) : null, pageSize: model.pageSize === defaultPageSize ? null : String(model.pageSize) }),
    [update, defaultPageSize],
  );
  const onSortModelChange = useCallback(
    (model: GridSortModel) => {
      const first = model[0];
      const next = first ? `${first.sort === 'desc' ? '-' : ''}${first.field}` : null;
      update({ sort: next === defaultSort ? null : next, page: null });
    },
    [update, defaultSort],
  );

  return { page, pageSize, sort, paginationModel, sortModel, onPaginationModelChange, onSortModelChange };
}
