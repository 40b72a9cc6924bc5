import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { DataGrid, type GridRowSelectionModel } from '@mui/x-data-grid';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useDebouncedCallback } from 'use-debounce';
import { collectionRules, type SorterField } from '../../../api/collections';
import { CampaignStatus, CampaignType, type SlimCampaign } from '../../../api/schemas';
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_TYPE_LABELS } from '../../../components/campaignLabels';
import { ErrorState } from '../../../components/ErrorState';
import { PageContainer } from '../../../components/PageContainer';
import { ServerDataGrid } from '../../../components/ServerDataGrid';
import { PAGE_SIZES, useGridUrlState } from '../../../components/useGridUrlState';
import { campaignColumns } from '../list/columns';
import { DeleteCampaignsDialog } from '../list/DeleteCampaignsDialog';
import { campaignListQueries, useAllCampaigns, type CampaignServerFilters } from '../list/queries';
import { CAMPAIGN_VIEWS, inView, type CampaignView } from '../list/views';

type SortField = SorterField<'getActiveCampaigns'>;
const EMPTY_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
const CLIENT_SORTABLE = ['name', 'type', 'status', 'deadline', 'created'];

function listParam<T extends string>(params: URLSearchParams, key: string, valid: (value: string) => value is T): T[] {
  return (params.get(key)?.split(',') ?? []).filter(valid);
}

/** Rows a selection model names among the rows shown (an `exclude` model means all but those). */
function selectedRows(model: GridRowSelectionModel, rows: SlimCampaign[]): SlimCampaign[] {
  return rows.filter((row) => row.id && (model.type === 'include' ? model.ids.has(row.id) : !model.ids.has(row.id)));
}

/**
 * Every campaign of the tenant, for certification admins: server filters (status, name) page on the tenant;
 * the views ISC cannot filter (overdue, due this week, by type) load every page first and say so.
 */
export function CampaignsPage() {
  const [params, setParams] = useSearchParams();
  // Arrays rebuilt from the URL on every render: keyed by their text so memos and query keys stay stable.
  const statusKey = listParam(params, 'status', (s): s is CampaignStatus => CampaignStatus.safeParse(s).success).join(',');
  const typeKey = listParam(params, 'type', (s): s is CampaignType => CampaignType.safeParse(s).success).join(',');
  const statuses = useMemo(() => (statusKey ? (statusKey.split(',') as CampaignStatus[]) : []), [statusKey]);
  const types = useMemo(() => (typeKey ? (typeKey.split(',') as CampaignType[]) : []), [typeKey]);
  const viewParam = params.get('view');
  const view = CAMPAIGN_VIEWS.some((v) => v.value === viewParam) ? (viewParam as CampaignView) : null;
  const name = params.get('q') ?? '';
  const clientMode = Boolean(view) || types.length > 0;
  const grid = useGridUrlState<SortField>({ sortable: collectionRules.getActiveCampaigns.sorters, defaultSort: '-created' });
  const filters: CampaignServerFilters = useMemo(() => ({ statuses, name }), [statuses, name]);

  const page = useQuery({
    ...campaignListQueries.page(filters, { offset: grid.page * grid.pageSize, limit: grid.pageSize, sorters: [grid.sort] }),
    enabled: !clientMode,
  });
  const all = useAllCampaigns(filters, clientMode);
  // "now" is when the view was loaded, so rows don't jump between renders.
  const [now] = useState(() => Date.now());
  const viewRows = useMemo(() => (all.data ?? []).filter((c) => inView(c, view, types, now)), [all.data, view, types, now]);

  const [selection, setSelection] = useState<GridRowSelectionModel>(EMPTY_SELECTION);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const shownRows = clientMode ? viewRows : (page.data?.items ?? []);
  const selected = selectedRows(selection, shownRows);

  function update(changes: Record<string, string | null>) {
    setSelection(EMPTY_SELECTION);
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      next.delete('page');
      return next;
    }, { replace: true });
  }
  const setName = useDebouncedCallback((value: string) => update({ q: value.trim() || null }), 300);

  const selectionProps = {
    model: selection,
    onChange: setSelection,
    isRowSelectable: (row: SlimCampaign) => Boolean(row.id),
  };

  return (
    <PageContainer
      title="Campaigns"
      actions={
        <>
          {selected.length ? (
            <Button color="error" variant="outlined" startIcon={<DeleteIcon />} onClick={() => setConfirmDelete(true)}>
              Delete {selected.length} selected
            </Button>
          ) : null}
          <Button component={RouterLink} to="/campaigns/new" variant="contained" startIcon={<AddIcon />}>New campaign</Button>
        </>
      }
    >
      <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 2, mb: 2, alignItems: { md: 'center' }, flexWrap: 'wrap' }} role="search" aria-label="Campaign filters">
        <TextField
          size="small"
          label="Name starts with"
          defaultValue={name}
          key={name === '' ? 'empty' : 'set'}
          onChange={(e) => setName(e.target.value)}
          sx={{ minWidth: 220 }}
        />
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="campaign-status-label">Status</InputLabel>
          <Select
            labelId="campaign-status-label"
            label="Status"
            multiple
            value={statuses}
            renderValue={(value) => value.map((s) => CAMPAIGN_STATUS_LABELS[s]).join(', ')}
            onChange={(event) => {
              const value = event.target.value;
              update({ status: (typeof value === 'string' ? value.split(',') : value).join(',') || null });
            }}
          >
            {CampaignStatus.options.map((status) => (
              <MenuItem key={status} value={status}>{CAMPAIGN_STATUS_LABELS[status]}</MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="campaign-type-label">Type</InputLabel>
          <Select
            labelId="campaign-type-label"
            label="Type"
            multiple
            value={types}
            renderValue={(value) => value.map((t) => CAMPAIGN_TYPE_LABELS[t]).join(', ')}
            onChange={(event) => {
              const value = event.target.value;
              update({ type: (typeof value === 'string' ? value.split(',') : value).join(',') || null });
            }}
          >
            {CampaignType.options.map((type) => (
              <MenuItem key={type} value={type}>{CAMPAIGN_TYPE_LABELS[type]}</MenuItem>
            ))}
          </Select>
        </FormControl>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view ?? 'all'}
          aria-label="View"
          // The default unselected text (action.active) falls under AA contrast on the page background.
          sx={{ '& .MuiToggleButton-root:not(.Mui-selected)': { color: 'text.primary' } }}
          onChange={(_e, value: string | null) => value && update({ view: value === 'all' ? null : value })}
        >
          <ToggleButton value="all">All</ToggleButton>
          {CAMPAIGN_VIEWS.map((v) => (
            <ToggleButton key={v.value} value={v.value} title={v.description}>{v.label}</ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>

      {clientMode ? (
        <ClientView
          rows={viewRows}
          loading={all.isFetching}
          progress={all.progress}
          error={all.isError ? all.error : null}
          onRetry={() => void all.refetch()}
          loaded={all.data?.length}
          selection={selectionProps}
          emptyText={view ? `No ${CAMPAIGN_VIEWS.find((v) => v.value === view)!.label.toLowerCase()} campaigns.` : 'No campaigns of this type.'}
        />
      ) : page.isError && !page.data ? (
        <ErrorState title="Campaigns could not be loaded" error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <ServerDataGrid
          label="Campaigns"
          columns={campaignColumns(collectionRules.getActiveCampaigns.sorters)}
          data={page.data}
          loading={page.isFetching}
          grid={{
            ...grid,
            onPaginationModelChange: (model) => {
              setSelection(EMPTY_SELECTION);
              grid.onPaginationModelChange(model);
            },
          }}
          getRowId={(row) => row.id ?? row.name}
          emptyText={statuses.length || name ? 'No campaigns match these filters.' : 'No campaigns yet.'}
          rowHeight={68}
          selection={selectionProps}
        />
      )}

      <DeleteCampaignsDialog
        open={confirmDelete}
        campaigns={selected}
        onClose={() => setConfirmDelete(false)}
        onDeleted={() => {
          setConfirmDelete(false);
          setSelection(EMPTY_SELECTION);
        }}
      />
    </PageContainer>
  );
}

/** A view ISC cannot filter: every page is loaded (with progress), then filtered, sorted and paged here. */
function ClientView(props: {
  rows: SlimCampaign[];
  loading: boolean;
  progress: { loaded: number; total: number | undefined };
  error: unknown;
  onRetry: () => void;
  loaded: number | undefined;
  selection: { model: GridRowSelectionModel; onChange: (model: GridRowSelectionModel) => void; isRowSelectable: (row: SlimCampaign) => boolean };
  emptyText: string;
}) {
  const { loaded, total } = props.progress;
  const columns = useMemo(() => campaignColumns(CLIENT_SORTABLE), []);
  if (props.error) return <ErrorState title="Campaigns could not be loaded" error={props.error} onRetry={props.onRetry} />;
  return (
    <>
      <Alert severity="info" sx={{ mb: 2 }}>
        ISC cannot filter campaigns by deadline or type, so Attest loads every campaign matching the status and name filters and picks them here.{' '}
        {props.loaded !== undefined && !props.loading ? `${props.rows.length.toLocaleString()} of ${props.loaded.toLocaleString()} loaded campaigns match.` : null}
      </Alert>
      {props.loading ? (
        <Box sx={{ mb: 2 }}>
          <Typography variant="body2" id="campaign-load-progress">
            Loading campaigns: {loaded.toLocaleString()}{total !== undefined ? ` of ${total.toLocaleString()}` : ''}
          </Typography>
          <LinearProgress
            variant={total ? 'determinate' : 'indeterminate'}
            value={total ? Math.min(100, (loaded / total) * 100) : undefined}
            aria-labelledby="campaign-load-progress"
          />
        </Box>
      ) : null}
      <Paper variant="outlined">
        <DataGrid
          aria-label="Campaigns"
          rows={props.rows}
          columns={columns}
          getRowId={(row) => row.id ?? row.name}
          loading={props.loading && props.loaded === undefined}
          initialState={{ pagination: { paginationModel: { pageSize: 25 } }, sorting: { sortModel: [{ field: 'deadline', sort: 'asc' }] } }}
          pageSizeOptions={PAGE_SIZES}
          checkboxSelection
          rowSelectionModel={props.selection.model}
          onRowSelectionModelChange={props.selection.onChange}
          isRowSelectable={(p) => props.selection.isRowSelectable(p.row)}
          disableRowSelectionOnClick
          disableColumnFilter
          disableColumnMenu
          disableVirtualization={import.meta.env.MODE === 'test'}
          autoHeight
          rowHeight={68}
          localeText={{ noRowsLabel: props.emptyText }}
          sx={{ border: 0, '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', lineHeight: 1.43 } }}
        />
      </Paper>
    </>
  );
}
