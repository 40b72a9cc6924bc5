import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme, type SxProps, type Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useEventCallback } from '@mui/material/utils';
import { visuallyHidden } from '@mui/utils';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import { DataGrid, GridOverlay, useGridApiRef, type GridOverlayProps, type GridRowId, type GridRowSelectionModel, type GridSortDirection } from '@mui/x-data-grid';
import type { AccessReviewItem, CertificationDecision, IdentityCertificationDto } from '../../../../api/schemas';
import { ErrorState } from '../../../../components/ErrorState';
import { TenantText } from '../../../../components/TenantText';
import { useNotify } from '../../../../components/notifications';
import { whenIdle } from '../../../../components/whenIdle';
import { PAGE_SIZES } from '../../../../components/useGridUrlState';
import { useDecisions } from '../decisions/useDecisions';
import { itemQueries, useItemIndex } from '../items';
import { clientView, identityName } from './clientItems';
import { ItemCellContext, itemCellStyles, itemColumns, RowCheckbox, rowName } from './columns';
import { describeView, hasFilters, ItemGridToolbar, QUICK_FILTER_LABELS } from './ItemGridToolbar';
import type { MatchingFilter, RequestDecision } from './requests';
import { IndexProgress } from './IndexProgress';
import { LatestItems, useDecisionStableRows } from './latestRows';
import { ItemCards } from './ItemCards';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useGridKeyboard } from './useGridKeyboard';
import { itemPagingOf, itemQueryOf, parseItemView, useItemViewState, type ItemViewController, type ItemViewState } from './useItemViewState';
import { prefetchItemView } from '../../prefetch';
import { certificationQueries } from '../../queries';

export type ItemSelection = ReadonlyMap<string, AccessReviewItem>;

export interface ItemGridProps {
  certification: IdentityCertificationDto;
  /** Signed, or not the reviewer's: no selection, no decision or reassign controls, no decision keys. */
  readOnly: boolean;
  /** A row's details (the grid has already put the item in the URL as `item`). */
  onOpenDetails(item: AccessReviewItem): void;
  /**
   * A decision to make. scope 'rows': a row's buttons or keys; 'selection': the checked rows;
   * 'filter': everything matching the view (see `options.filter`; resolveRequestItems reads the items
   * when `items` is not complete). The page confirms, asks for comments, and calls decide().
   */
  onRequestDecision: RequestDecision;
  onReassign(items: AccessReviewItem[]): void;
  /** `c` on a row: the page asks for a comment (with the row's current decision). */
  onComment?(item: AccessReviewItem): void;
  /** `?` in the grid; without it the grid shows its own shortcuts dialog. */
  onShowShortcuts?(): void;
  /** Controlled selection (by item id, kept across pages); uncontrolled when omitted. */
  selection?: ItemSelection;
  onSelectionChange?(selection: ItemSelection): void;
  /** The grid's accessible name. */
  label?: string;
}

const EMPTY_SELECTION: ItemSelection = new Map();
// The grid's props that never change, defined once: a new function or object on every render makes the
// grid recompute (and, for the row heights, re-measure every row).
const getRowId = (row: AccessReviewItem) => row.id ?? '';
const SORTING_ORDER: GridSortDirection[] = ['asc', 'desc'];
const GRID_SLOT_PROPS = { loadingOverlay: { variant: 'skeleton', noRowsVariant: 'skeleton' } } as const;
// Why there are no rows depends on the filters. Through the grid's localeText, a change of filter would
// re-render every cell; the overlay reads it from its own context instead.
const NoRowsText = createContext('');
function NoRowsOverlay(props: GridOverlayProps) {
  return <GridOverlay {...props}>{useContext(NoRowsText)}</GridOverlay>;
}
const GRID_SLOTS = { noRowsOverlay: NoRowsOverlay, rowCheckbox: RowCheckbox };
// Flags wrap onto a second line when there are several: rows grow to fit, never clip.
const autoRowHeight = () => 'auto' as const;
const estimatedRowHeight = () => 52;
const GRID_SX: SxProps<Theme> = [
  itemCellStyles,
  {
    border: 0,
    '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', lineHeight: 1.43, minHeight: 48, py: 0.25 },
    '& .MuiDataGrid-cell:focus, & .MuiDataGrid-cell:focus-within': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
    '& .attest-open-item': { boxShadow: (theme) => `inset 4px 0 0 ${theme.palette.primary.main}` },
  },
];
const NO_ROWS: AccessReviewItem[] = [];

/**
 * The checked rows. A selection belongs to the view it was made in (`viewKey`: filters, search, identity):
 * in another view it is empty, so nothing the reviewer can no longer see is decided.
 */
function useSelection(props: Pick<ItemGridProps, 'selection' | 'onSelectionChange'>, viewKey: string) {
  const [own, setOwn] = useState<ItemSelection>(EMPTY_SELECTION);
  const [selectedIn, setSelectedIn] = useState(viewKey);
  const stored = props.selection ?? own;
  // One empty selection: a new (empty) Map would hand the grid a new selection model and re-render every row.
  const selection = selectedIn === viewKey && stored.size > 0 ? stored : EMPTY_SELECTION;
  const { onSelectionChange } = props;
  const setSelection = useCallback(
    (next: ItemSelection) => {
      setOwn(next);
      setSelectedIn(viewKey);
      onSelectionChange?.(next);
    },
    [onSelectionChange, viewKey],
  );
  return [selection, setSelection] as const;
}

/** The rows the grid shows and the count behind them, from the server or from the full index. */
function useItemRows(certificationId: string, view: ItemViewController) {
  const offset = view.page * view.pageSize;
  const server = useQuery({
    ...itemQueries.page(certificationId, view.query, itemPagingOf(view)),
    enabled: !view.clientSide && certificationId !== '',
  });
  const index = useItemIndex(certificationId, view.clientSide && certificationId !== '');
  const matching = useMemo(
    () => (view.clientSide && index.data ? clientView(index.data, { query: view.query, quick: view.quick, order: view.order, sort: view.sort }) : undefined),
    [view.clientSide, index.data, view.query, view.quick, view.order, view.sort],
  );
  const page = useMemo(() => matching?.slice(offset, offset + view.pageSize) ?? NO_ROWS, [matching, offset, view.pageSize]);
  if (view.clientSide) {
    return {
      mode: 'client' as const,
      rows: page,
      /** Every matching item, when the grid holds them all. */
      all: matching,
      count: matching?.length,
      indexSize: index.data?.length,
      loading: index.isPending,
      fetching: index.isFetching,
      error: index.isError ? index.error : null,
      retry: () => void index.refetch(),
      progress: index.progress,
      placeholder: false,
      updatedAt: index.dataUpdatedAt,
    };
  }
  const rows = server.data?.items ?? NO_ROWS;
  const count = server.data ? (server.data.total ?? rows.length) : undefined;
  return {
    mode: 'server' as const,
    rows,
    all: count !== undefined && offset === 0 && rows.length >= count ? rows : undefined,
    count,
    indexSize: undefined,
    loading: server.isPending,
    fetching: server.isFetching,
    error: server.isError && !server.data ? server.error : null,
    retry: () => void server.refetch(),
    progress: null,
    /** The rows are the previous view's, shown while this one loads: for showing, never for acting. */
    placeholder: server.isPlaceholderData,
    /** When the rows were last read from the tenant. */
    updatedAt: server.dataUpdatedAt,
  };
}

/** Why the grid is computed in the browser, in words: "Sorted by risk across all 10,000 items". */
function clientCaption(view: ItemViewController, total: number): string {
  const parts: string[] = [];
  if (view.quick === 'new' || view.quick === 'privileged') parts.push(`${QUICK_FILTER_LABELS[view.quick]} only`);
  if (view.order === 'risk') parts.push(parts.length ? 'sorted by risk' : 'Sorted by risk');
  return `${parts.join(', ')} across all ${total.toLocaleString()} items`;
}

/**
 * "Undecided" is where a reviewer goes from the certification's first page: once that page shows and the
 * browser is idle, the Undecided filter's first page is read ahead, so the filter shows at once. Each time
 * the page on screen is read again (saved decisions make the tenant's pages out of date), the read-ahead is
 * too, if it is out of date, so its count and rows stay the tenant's; a fresh one is not read again. Once
 * every decision is made (the cached certification's live counts), nothing more is read.
 */
function useUndecidedReadAhead(
  certificationId: string,
  readOnly: boolean,
  view: ItemViewController,
  data: Pick<ReturnType<typeof useItemRows>, 'mode' | 'loading' | 'placeholder' | 'error' | 'updatedAt'>,
) {
  const queryClient = useQueryClient();
  // The grid's certification keeps its progress of when it mounted (useCertificationFacts): read the live
  // counts, re-rendering only when the answer changes. The page reads the certification; this only listens.
  const { data: undecidedLeft = true } = useQuery({
    ...certificationQueries.detail(certificationId),
    select: (c) => c.decisionsTotal === undefined || (c.decisionsMade ?? 0) < c.decisionsTotal,
    enabled: false,
  });
  const landing = view.view === 'items' && !view.identity && view.page === 0 && !hasFilters(view);
  const firstPageShown = data.mode === 'server' && !data.loading && !data.placeholder && !data.error;
  const { sort, pageSize } = view;
  const { updatedAt } = data;
  useEffect(() => {
    if (readOnly || !undecidedLeft || !landing || !firstPageShown || !certificationId) return;
    return whenIdle(() => prefetchItemView(queryClient, certificationId, { ...parseItemView(new URLSearchParams()), sort, pageSize, quick: 'undecided' }));
  }, [readOnly, undecidedLeft, landing, firstPageShown, queryClient, certificationId, sort, pageSize, updatedAt]);
}

/**
 * The certification's access review items: server-paged, sorted and filtered from the URL's view; or,
 * for what ISC cannot filter or sort (new access, privileged, risk order), over the full item index in
 * the browser, saying so. Rows show decisions the moment they are made (useDecisions' pending queue).
 */
export function ItemGrid(props: ItemGridProps) {
  const { certification, readOnly, onOpenDetails, onRequestDecision, onReassign, onComment, onShowShortcuts } = props;
  const certificationId = certification.id ?? '';
  const queryClient = useQueryClient();
  // A filter, sort or page not read yet asks the tenant at once: re-rendering the page for the new URL
  // first took a few hundred milliseconds before its read left. A page already read shows at once (and its
  // query refreshes it as it would anyway).
  const readAhead = useCallback(
    (next: ItemViewState) => {
      if (certificationId && queryClient.getQueryState(itemQueries.page(certificationId, itemQueryOf(next), itemPagingOf(next)).queryKey) === undefined) {
        prefetchItemView(queryClient, certificationId, next);
      }
    },
    [queryClient, certificationId],
  );
  const view = useItemViewState(readAhead);
  // Acting only (undo): the rows subscribe to their own decisions, so a decision never re-renders the grid.
  const decisions = useDecisions(certificationId, { rerender: false });
  const notify = useNotify();
  const apiRef = useGridApiRef();
  const [selection, setSelection] = useSelection(props, JSON.stringify([view.query, view.quick ?? null, view.identity ?? null]));
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const data = useItemRows(certificationId, view);
  useUndecidedReadAhead(certificationId, readOnly, view, data);
  const { rows } = data;
  const gridRows = useDecisionStableRows(rows);
  const [latest] = useState(() => new LatestItems());
  useLayoutEffect(() => latest.set(rows), [latest, rows]);
  const certificationTotal = certification.decisionsTotal ?? data.indexSize;
  // A phone gets cards, the rest the grid: one view state, one set of rows, one selection.
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });

  const identityLabel = useMemo(() => {
    if (!view.identity) return undefined;
    const fromRows = rows.find((r) => r.identitySummary?.id === view.identity);
    const fromIndex = queryClient
      .getQueryData<AccessReviewItem[]>(itemQueries.index(certificationId).queryKey)
      ?.find((r) => r.identitySummary?.id === view.identity);
    return identityName(fromRows ?? fromIndex ?? {}) || undefined;
  }, [view.identity, rows, queryClient, certificationId]);

  const requestRows = useCallback(
    (items: AccessReviewItem[], decision: CertificationDecision, scope: 'rows' | 'selection') =>
      onRequestDecision(items, decision, { bulk: items.length > 1, scope }),
    [onRequestDecision],
  );
  const requestMatching = (decision: CertificationDecision) => {
    if (data.count === undefined || data.placeholder) return;
    const description = describeView(view, identityLabel);
    const filter: MatchingFilter = data.all
      ? { complete: true, count: data.count, description, ...(data.mode === 'server' ? { query: view.query } : {}) }
      : { complete: false, count: data.count, description, query: view.query };
    onRequestDecision(data.all ?? [], decision, { bulk: true, scope: 'filter', filter });
  };
  const { openItem } = view;
  const openDetails = useCallback(
    (item: AccessReviewItem) => {
      openItem(item.id ?? null);
      onOpenDetails(item);
    },
    [openItem, onOpenDetails],
  );
  const toggleSelected = useCallback(
    (item: AccessReviewItem) => {
      if (!item.id) return;
      const next = new Map(selection);
      const selected = !next.has(item.id);
      if (selected) next.set(item.id, item);
      else next.delete(item.id);
      setSelection(next);
      setAnnouncement(`${selected ? 'Selected' : 'Unselected'} ${rowName(item)}. ${next.size} selected.`);
    },
    [selection, setSelection],
  );
  const { undo } = decisions;
  const undoLast = useCallback(() => {
    const result = undo();
    if (!result) {
      notify('Nothing to undo.', 'info');
      return;
    }
    const undone = result.undone ? `Undid ${result.undone} decision${result.undone === 1 ? '' : 's'}.` : 'Nothing undone.';
    const kept = result.kept
      ? ` ${result.kept} already saved in ISC ${result.kept === 1 ? 'stays' : 'stay'} decided (ISC cannot clear a decision): change ${result.kept === 1 ? 'it' : 'them'} instead.`
      : '';
    notify(undone + kept, result.kept ? 'warning' : 'success');
  }, [undo, notify]);
  const showShortcuts = useCallback(() => (onShowShortcuts ? onShowShortcuts() : setShortcutsOpen(true)), [onShowShortcuts]);

  const keyboard = useGridKeyboard({
    apiRef,
    rows,
    readOnly,
    selection,
    onDecide: requestRows,
    onComment,
    onDetails: openDetails,
    onToggleSelected: toggleSelected,
    onUndo: undoLast,
    onShowShortcuts: showShortcuts,
  });

  const cellContext = useMemo<ItemCellContext>(
    () => ({
      certificationId,
      latest,
      readOnly,
      // The grid's row may be older than the item (see useDecisionStableRows): act on the latest.
      onDecide: (item, decision) => requestRows([latest.get(item)], decision, 'rows'),
      onDetails: (item) => openDetails(latest.get(item)),
      onReassign: (item) => onReassign([latest.get(item)]),
    }),
    [certificationId, latest, readOnly, requestRows, openDetails, onReassign],
  );
  const columns = useMemo(() => itemColumns({ readOnly }), [readOnly]);
  const rowSelectionModel = useMemo<GridRowSelectionModel>(() => ({ type: 'include', ids: new Set(selection.keys()) }), [selection]);
  // The grid's props keep their identity: any new prop re-renders every cell of the page.
  const onRowSelectionModelChange = useEventCallback((model: GridRowSelectionModel) => {
    const onPage = new Map(rows.flatMap((r) => (r.id ? [[r.id, r] as const] : [])));
    const ids =
      model.type === 'include'
        ? [...model.ids].map(String)
        : [...[...onPage.keys()].filter((id) => !model.ids.has(id)), ...[...selection.keys()].filter((id) => !onPage.has(id))];
    const next = new Map<string, AccessReviewItem>();
    for (const id of ids) {
      const item = selection.get(id) ?? onPage.get(id);
      if (item) next.set(id, item);
    }
    setSelection(next);
  });
  const onCellKeyDown = useEventCallback(keyboard.onCellKeyDown);
  const openRow = view.item;
  const getRowClassName = useCallback(({ id }: { id: GridRowId }) => (id === openRow ? 'attest-open-item' : ''), [openRow]);

  const selectPage = (select: boolean) => {
    const next = new Map(selection);
    for (const row of rows) {
      if (!row.id) continue;
      if (select) next.set(row.id, row);
      else next.delete(row.id);
    }
    setSelection(next);
    setAnnouncement(`${next.size} selected.`);
  };

  const selected = [...selection.values()];
  const label = props.label ?? 'Access review items';
  const waitingForIndex = data.mode === 'client' && data.loading;
  const hasViewFilters = Boolean(view.clientSide || view.query.search || view.query.accessType || view.query.source || view.query.undecided);
  const noRowsLabel = hasViewFilters ? 'No items match these filters.' : view.identity ? 'This identity has no items here.' : 'This certification has no items.';

  const selectionBar =
    !readOnly && selection.size > 0 ? (
    <Paper
      variant="outlined"
      role="region"
      aria-label="Selected items"
      sx={[
        { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, px: 2, py: 1, mb: 1, bgcolor: 'background.paper', backgroundImage: (t) => `linear-gradient(${t.palette.action.selected}, ${t.palette.action.selected})` },
        // On a phone the bar waits at the bottom of the screen, by the thumb, while cards scroll.
        phone ? { position: 'sticky', bottom: 8, zIndex: 3, boxShadow: 3 } : {},
      ]}
    >
      <Typography variant="body2" sx={{ mr: 'auto', fontWeight: 500 }}>
        {selection.size.toLocaleString()} selected
      </Typography>
      <Button size="small" variant="contained" onClick={() => requestRows(selected, 'APPROVE', 'selection')}>
        Approve selected ({selection.size})
      </Button>
      <Button size="small" variant="contained" color="error" onClick={() => requestRows(selected, 'REVOKE', 'selection')}>
        Revoke selected ({selection.size})
      </Button>
      <Button size="small" variant="outlined" onClick={() => onReassign(selected)}>
        Reassign selected ({selection.size})
      </Button>
      <Button size="small" onClick={() => setSelection(EMPTY_SELECTION)}>Clear</Button>
    </Paper>
  ) : null;

  return (
    <Box>
      {view.identity ? (
        <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1.5, flexWrap: 'wrap' }}>
          <Button startIcon={<ArrowBackIcon />} onClick={() => view.setIdentity(null)}>Back to all identities</Button>
          <Typography variant="h6" component="h2" sx={{ minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' }}>
            {identityLabel ? <>Access of <TenantText text={identityLabel} /></> : 'Access of one identity'}
          </Typography>
        </Stack>
      ) : null}
      {/* While the reviewer scrolls the rows, the filters, the count and the selection stay in view (under the app bar). */}
      <Box sx={{ position: { md: 'sticky' }, top: { md: 64 }, zIndex: { md: 3 }, bgcolor: 'background.default', pt: { md: 1 } }}>
        <ItemGridToolbar view={view} />
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1, minHeight: 36 }}>
          <Typography variant="body2" role="status" sx={{ mr: 'auto' }}>
            {data.placeholder
              ? 'Loading this view…'
              : data.count === undefined
                ? 'Counting items…'
                : view.identity
                  ? `${data.count.toLocaleString()} ${data.count === 1 ? 'item' : 'items'}${hasViewFilters ? ' match the filters' : ''}`
                  : `Showing ${data.count.toLocaleString()} of ${(certificationTotal ?? data.count).toLocaleString()} items`}
          </Typography>
          {readOnly ? null : (
            <>
              <Button size="small" variant="outlined" disabled={!data.count || data.placeholder} onClick={() => requestMatching('APPROVE')}>
                Approve all matching…
              </Button>
              <Button size="small" variant="outlined" color="error" disabled={!data.count || data.placeholder} onClick={() => requestMatching('REVOKE')}>
                Revoke all matching…
              </Button>
            </>
          )}
        </Stack>
        {data.mode === 'client' && !waitingForIndex && data.indexSize !== undefined ? (
          <Typography variant="body2" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, mb: 1, color: 'text.secondary' }}>
            <InfoOutlinedIcon fontSize="small" aria-hidden />
            {clientCaption(view, data.indexSize)}
            {' '}(ISC cannot filter or sort by this, so every item was loaded into this browser).
          </Typography>
        ) : null}
        {phone ? null : selectionBar}
      </Box>

      {data.error ? (
        <ErrorState title={data.mode === 'client' ? 'Not every item could be loaded' : 'The items could not be loaded'} error={data.error} onRetry={data.retry} />
      ) : waitingForIndex ? (
        <IndexProgress loaded={data.progress?.loaded ?? 0} total={data.progress?.total ?? certificationTotal} />
      ) : phone ? (
        <ItemCellContext.Provider value={cellContext}>
          <ItemCards
            label={label}
            rows={rows}
            count={data.count ?? 0}
            loading={data.loading || data.placeholder}
            readOnly={readOnly}
            emptyText={noRowsLabel}
            selection={selection}
            onToggleSelected={toggleSelected}
            onSelectPage={selectPage}
            openItem={view.item}
            paginationModel={view.paginationModel}
            onPaginationModelChange={view.onPaginationModelChange}
          />
          {selectionBar}
        </ItemCellContext.Provider>
      ) : (
        <ItemCellContext.Provider value={cellContext}>
          <NoRowsText.Provider value={noRowsLabel}>
            <Paper variant="outlined" aria-busy={data.fetching} onKeyDown={keyboard.onKeyDown}>
              <Box sx={{ height: 4 }}>{data.fetching ? <LinearProgress aria-label="Loading items" /> : null}</Box>
              <DataGrid
                apiRef={apiRef}
                aria-label={label}
                rows={gridRows}
                getRowId={getRowId}
                columns={columns}
                rowCount={data.count ?? 0}
                loading={data.loading}
                slotProps={GRID_SLOT_PROPS}
                paginationMode="server"
                sortingMode="server"
                filterMode="server"
                paginationModel={view.paginationModel}
                onPaginationModelChange={view.onPaginationModelChange}
                sortModel={view.sortModel}
                onSortModelChange={view.onSortModelChange}
                sortingOrder={SORTING_ORDER}
                pageSizeOptions={PAGE_SIZES}
                checkboxSelection={!readOnly}
                disableRowSelectionExcludeModel
                keepNonExistentRowsSelected
                rowSelectionModel={rowSelectionModel}
                onRowSelectionModelChange={onRowSelectionModelChange}
                disableRowSelectionOnClick
                disableColumnFilter
                disableColumnMenu
                onCellKeyDown={onCellKeyDown}
                getRowClassName={getRowClassName}
                // jsdom has no layout: without this, component tests would see no cells.
                disableVirtualization={import.meta.env.MODE === 'test'}
                autoHeight
                getRowHeight={autoRowHeight}
                getEstimatedRowHeight={estimatedRowHeight}
                slots={GRID_SLOTS}
                sx={GRID_SX}
              />
            </Paper>
          </NoRowsText.Provider>
        </ItemCellContext.Provider>
      )}
      <Box role="status" aria-live="polite" sx={visuallyHidden}>{announcement}</Box>
      {onShowShortcuts ? null : <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} readOnly={readOnly} />}
    </Box>
  );
}
