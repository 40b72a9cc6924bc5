import { useId, useLayoutEffect, useRef, type ChangeEvent, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import KeyboardArrowLeft from '@mui/icons-material/KeyboardArrowLeft';
import KeyboardArrowRight from '@mui/icons-material/KeyboardArrowRight';
import type { CollectionPage } from '../api/collections';
import { PAGE_SIZES, type useGridUrlState } from './useGridUrlState';

export interface ServerTableColumn<Row> {
  /** The column's key; for a sortable column, ISC's sorter field. */
  field: string;
  headerName: string;
  sortable?: boolean;
  minWidth?: number;
  width?: number;
  render: (row: Row) => ReactNode;
}

type GridState = Pick<ReturnType<typeof useGridUrlState>, 'page' | 'pageSize' | 'sort' | 'onPaginationModelChange' | 'onSortModelChange'>;

const INTERACTIVE = 'a[href], button, [role="button"], input, select, textarea';
const targetOf = (cell: HTMLElement) => cell.querySelector<HTMLElement>(INTERACTIVE) ?? cell;
const cellsOf = (table: HTMLTableElement) => Array.from(table.rows, (row) => Array.from(row.cells));

/**
 * The grid keyboard model (WAI-ARIA APG): one Tab stop, arrow keys, Home/End (with Ctrl: first/last row)
 * and PageUp/PageDown move between cells; a cell's link or sort button takes the focus itself.
 */
function useGridKeyboard() {
  const ref = useRef<HTMLTableElement>(null);
  const active = useRef<[number, number]>([0, 0]);

  const sync = () => {
    const table = ref.current;
    if (!table) return;
    const grid = cellsOf(table);
    const r = Math.min(active.current[0], grid.length - 1);
    const c = Math.min(active.current[1], (grid[r]?.length ?? 1) - 1);
    active.current = [Math.max(r, 0), Math.max(c, 0)];
    grid.forEach((row, ri) =>
      row.forEach((cell, ci) => {
        const target = targetOf(cell);
        if (target !== cell) cell.removeAttribute('tabindex');
        target.tabIndex = ri === active.current[0] && ci === active.current[1] ? 0 : -1;
      }),
    );
  };
  // Rows and cells change with every page: keep exactly one Tab stop after each render.
  useLayoutEffect(sync);

  const position = (target: EventTarget) => {
    const cell = (target as HTMLElement).closest('td, th');
    const grid = ref.current ? cellsOf(ref.current) : [];
    for (let r = 0; r < grid.length; r++) {
      const c = grid[r]!.indexOf(cell as HTMLTableCellElement);
      if (c >= 0) return { grid, r, c };
    }
    return null;
  };

  const onFocus = (event: FocusEvent) => {
    const at = position(event.target);
    if (!at || (active.current[0] === at.r && active.current[1] === at.c)) return;
    active.current = [at.r, at.c];
    sync();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const at = position(event.target);
    if (!at || event.altKey || event.metaKey) return;
    const { grid } = at;
    let { r, c } = at;
    const last = grid.length - 1;
    switch (event.key) {
      case 'ArrowRight': c += 1; break;
      case 'ArrowLeft': c -= 1; break;
      case 'ArrowDown': r += 1; break;
      case 'ArrowUp': r -= 1; break;
      case 'PageDown': r += 5; break;
      case 'PageUp': r -= 5; break;
      case 'Home': if (event.ctrlKey) r = 0; c = 0; break;
      case 'End': if (event.ctrlKey) r = last; c = Infinity; break;
      default: return;
    }
    event.preventDefault();
    r = Math.max(0, Math.min(r, last));
    c = Math.max(0, Math.min(c, grid[r]!.length - 1));
    active.current = [r, c];
    sync();
    targetOf(grid[r]![c]!).focus();
  };

  return { ref, onFocus, onKeyDown };
}

/**
 * One page of an ISC collection as an accessible grid: paging and sorting go to the server and live in the
 * URL (see useGridUrlState); the row count is the server's X-Total-Count. Plain MUI table parts, so a
 * page that shows one needs none of the data grid's code.
 */
export function ServerTable<Row>(props: {
  label: string;
  columns: ServerTableColumn<Row>[];
  data: CollectionPage<Row> | undefined;
  loading: boolean;
  grid: GridState;
  getRowId: (row: Row) => string;
  emptyText: string;
  rowHeight?: number;
}) {
  const { grid, columns } = props;
  const { ref: gridRef, onFocus, onKeyDown } = useGridKeyboard();
  const pageSizeId = useId();
  const rows = props.data?.items ?? [];
  const start = grid.page * grid.pageSize;
  const total = props.data?.total;
  const from = rows.length ? start + 1 : 0;
  const to = start + rows.length;
  const hasNext = total === undefined ? rows.length === grid.pageSize : to < total;
  const sortField = grid.sort.replace(/^-/, '');
  const descending = grid.sort.startsWith('-');
  const rowHeight = props.rowHeight ?? 60;

  return (
    <Paper variant="outlined" aria-busy={props.loading}>
      <Box sx={{ height: 4 }}>{props.loading ? <LinearProgress aria-label={`Loading ${props.label.toLowerCase()}`} /> : null}</Box>
      {/* A phone scrolls the columns sideways here, never the page; tenant strings wrap anywhere instead of widening a column. */}
      <Box sx={{ overflowX: 'auto' }}>
        <Table
          role="grid"
          aria-label={props.label}
          ref={gridRef}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          sx={{ '& td:focus-visible, & th:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
        >
          <TableHead>
            <TableRow>
              {columns.map((column) => {
                const sorted = column.sortable && sortField === column.field;
                return (
                  <TableCell
                    key={column.field}
                    role="columnheader"
                    aria-sort={sorted ? (descending ? 'descending' : 'ascending') : undefined}
                    sx={{ fontWeight: 600, minWidth: column.minWidth, width: column.width, whiteSpace: 'nowrap' }}
                  >
                    {column.sortable ? (
                      <TableSortLabel
                        active={sorted}
                        direction={sorted && descending ? 'desc' : 'asc'}
                        onClick={() => grid.onSortModelChange([{ field: column.field, sort: sorted && !descending ? 'desc' : 'asc' }])}
                      >
                        {column.headerName}
                      </TableSortLabel>
                    ) : (
                      column.headerName
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={props.getRowId(row)} hover sx={{ height: rowHeight }}>
                {columns.map((column) => (
                  <TableCell key={column.field} role="gridcell" sx={{ py: 1, overflowWrap: 'anywhere' }}>
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            {!props.data && props.loading
              ? [0, 1, 2].map((i) => (
                  <TableRow key={`skeleton-${i}`} sx={{ height: rowHeight }} aria-hidden>
                    {columns.map((column) => (
                      <TableCell key={column.field} role="gridcell"><Skeleton /></TableCell>
                    ))}
                  </TableRow>
                ))
              : null}
            {props.data && rows.length === 0 ? (
              <TableRow>
                <TableCell role="gridcell" colSpan={columns.length} sx={{ py: 6, textAlign: 'center', color: 'text.secondary' }}>
                  {grid.page > 0 ? 'There is nothing on this page: go to the previous page.' : props.emptyText}
                </TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      </Box>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'flex-end', flexWrap: 'wrap', columnGap: 3, rowGap: 1, px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography variant="body2" component="label" htmlFor={pageSizeId}>Rows per page:</Typography>
          {/* The browser's select: MUI's inputs would add their code to the first page for one small choice. */}
          <Box
            component="select"
            id={pageSizeId}
            value={grid.pageSize}
            onChange={(event: ChangeEvent<HTMLSelectElement>) => grid.onPaginationModelChange({ page: 0, pageSize: Number(event.target.value) })}
            sx={{ font: 'inherit', fontSize: 'body2.fontSize', color: 'text.primary', bgcolor: 'background.paper', border: 1, borderColor: 'divider', borderRadius: 1, px: 0.5, py: 0.25, cursor: 'pointer' }}
          >
            {PAGE_SIZES.map((size) => <option key={size} value={size}>{size}</option>)}
          </Box>
        </Stack>
        <Typography variant="body2">
          {`${from.toLocaleString()}–${to.toLocaleString()} of ${total === undefined && hasNext ? `more than ${to.toLocaleString()}` : (total ?? to).toLocaleString()}`}
        </Typography>
        <Stack direction="row">
          <IconButton
            aria-label="Go to previous page"
            disabled={grid.page === 0}
            onClick={() => grid.onPaginationModelChange({ page: grid.page - 1, pageSize: grid.pageSize })}
          >
            <KeyboardArrowLeft />
          </IconButton>
          <IconButton
            aria-label="Go to next page"
            disabled={!hasNext}
            onClick={() => grid.onPaginationModelChange({ page: grid.page + 1, pageSize: grid.pageSize })}
          >
            <KeyboardArrowRight />
          </IconButton>
        </Stack>
      </Stack>
    </Paper>
  );
}
