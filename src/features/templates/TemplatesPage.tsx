import { useMemo, useState } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DeleteIcon from '@mui/icons-material/Delete';
import { GridActionsCellItem, type GridColDef } from '@mui/x-data-grid';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useDebouncedCallback } from 'use-debounce';
import { collectionRules, type SorterField } from '../../api/collections';
import { describeDuration, nextRuns } from '../../api/schedule';
import type { CampaignTemplate, Schedule } from '../../api/schemas';
import { campaignTypeLabel } from '../../components/campaignLabels';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDateTime } from '../../components/format';
import { useNotify } from '../../components/notifications';
import { PageContainer } from '../../components/PageContainer';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { useGridUrlState } from '../../components/useGridUrlState';
import { DeleteTemplateDialog } from './DeleteTemplateDialog';
import { templateQueries, useCreateTemplate } from './queries';

type SortField = SorterField<'getCampaignTemplates'>;
type Row = CampaignTemplate & { id: string; nextRun?: string | null; scheduleLoading?: boolean };

/** The copy a duplicate starts as: the same campaign definition under a new template name. */
export function duplicateOf(template: CampaignTemplate) {
  return { name: `Copy of ${template.name}`.slice(0, 255), description: template.description, deadlineDuration: template.deadlineDuration ?? null, campaign: template.campaign };
}

/**
 * Campaign templates: name filter (starts with) and sorting on the tenant; whether each is scheduled and
 * when it runs next (its schedule read per scheduled row); duplicate and delete per row.
 */
export function TemplatesPage() {
  const [params, setParams] = useSearchParams();
  const name = params.get('q') ?? '';
  const grid = useGridUrlState<SortField>({ sortable: collectionRules.getCampaignTemplates.sorters, defaultSort: 'name' });
  const page = useQuery(templateQueries.page(name, { offset: grid.page * grid.pageSize, limit: grid.pageSize, sorters: [grid.sort] }));
  const scheduledIds = (page.data?.items ?? []).filter((t) => t.scheduled && t.id).map((t) => t.id!);
  const schedules = useQueries({ queries: scheduledIds.map((id) => templateQueries.schedule(id)) });
  const [now] = useState(() => new Date());
  const navigate = useNavigate();
  const notify = useNotify();
  const create = useCreateTemplate();
  const [deleting, setDeleting] = useState<Row | null>(null);

  const scheduleById = new Map<string, { schedule: Schedule | null | undefined; loading: boolean }>(
    scheduledIds.map((id, i) => [id, { schedule: schedules[i]?.data, loading: Boolean(schedules[i]?.isPending) }]),
  );
  const rows: Row[] = (page.data?.items ?? []).filter((t): t is CampaignTemplate & { id: string } => Boolean(t.id)).map((t) => {
    const entry = scheduleById.get(t.id);
    const run = entry?.schedule ? nextRuns(entry.schedule, now, 1)[0] : undefined;
    return { ...t, nextRun: run ? run.at.toISOString() : null, scheduleLoading: entry?.loading };
  });

  const setName = useDebouncedCallback((value: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value.trim()) next.set('q', value.trim());
      else next.delete('q');
      next.delete('page');
      return next;
    }, { replace: true });
  }, 300);

  async function duplicate(template: Row) {
    try {
      const copy = await create.mutateAsync(duplicateOf(template));
      notify(`Created “${copy.name}”. Its schedule, if any, was not copied.`, 'success');
      if (copy.id) navigate(`/templates/${encodeURIComponent(copy.id)}`);
    } catch (error) {
      notify(`The template was not duplicated: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }
  }

  const columns = useMemo<GridColDef<Row>[]>(() => [
    {
      field: 'name',
      headerName: 'Name',
      flex: 2,
      minWidth: 220,
      renderCell: ({ row }) => (
        <Stack sx={{ minWidth: 0 }}>
          <Link component={RouterLink} to={`/templates/${encodeURIComponent(row.id)}`} sx={{ fontWeight: 600 }}>{row.name}</Link>
          <Typography variant="caption" color="text.secondary" noWrap>Generates “{row.campaign.name}”</Typography>
        </Stack>
      ),
    },
    { field: 'type', headerName: 'Campaign type', flex: 1, minWidth: 140, sortable: false, valueGetter: (_v, row) => campaignTypeLabel(row.campaign.type) },
    { field: 'deadlineDuration', headerName: 'Deadline', flex: 1, minWidth: 120, sortable: false, valueGetter: (_v, row) => (row.deadlineDuration ? `${describeDuration(row.deadlineDuration)} after generation` : 'None') },
    {
      field: 'scheduled',
      headerName: 'Scheduled',
      minWidth: 110,
      sortable: false,
      renderCell: ({ row }) => (row.scheduled ? <Chip size="small" color="primary" label="Scheduled" /> : <Typography variant="body2" color="text.secondary">No</Typography>),
    },
    {
      field: 'nextRun',
      headerName: 'Next run',
      flex: 1,
      minWidth: 170,
      sortable: false,
      valueGetter: (_v, row) => (!row.scheduled ? '—' : row.scheduleLoading ? 'Loading…' : row.nextRun ? formatDateTime(row.nextRun) : 'None to come'),
    },
    { field: 'created', headerName: 'Created', minWidth: 120, valueGetter: (_v, row) => formatDate(row.created) },
    { field: 'modified', headerName: 'Modified', minWidth: 120, valueGetter: (_v, row) => formatDate(row.modified) },
    {
      field: 'actions',
      type: 'actions',
      headerName: 'Actions',
      minWidth: 100,
      getActions: ({ row }) => [
        <GridActionsCellItem key="copy" icon={<ContentCopyIcon />} label={`Duplicate ${row.name}`} onClick={() => void duplicate(row)} disabled={create.isPending} />,
        <GridActionsCellItem key="delete" icon={<DeleteIcon />} label={`Delete ${row.name}`} onClick={() => setDeleting(row)} />,
      ],
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [create.isPending]);

  return (
    <PageContainer
      title="Campaign templates"
      actions={
        <>
          <Button component={RouterLink} to="/templates/calendar" startIcon={<CalendarMonthIcon />}>Cadence calendar</Button>
          <Button component={RouterLink} to="/templates/new" variant="contained" startIcon={<AddIcon />}>New template</Button>
        </>
      }
    >
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        A template keeps a campaign definition and a deadline duration; its schedule generates a campaign on a cadence. ISC’s own console has no screen for them.
      </Typography>
      <Stack direction="row" sx={{ mb: 2 }} role="search" aria-label="Template filters">
        <TextField size="small" label="Name starts with" defaultValue={name} onChange={(e) => setName(e.target.value)} sx={{ minWidth: 240 }} />
      </Stack>
      {page.isError ? (
        <ErrorState error={page.error} title="The templates could not be loaded" onRetry={() => void page.refetch()} />
      ) : (
        <ServerDataGrid<Row>
          label="Campaign templates"
          columns={columns}
          data={page.data ? { items: rows, total: page.data.total } : undefined}
          loading={page.isFetching}
          grid={grid}
          getRowId={(row) => row.id}
          emptyText={name ? `No template name starts with “${name}”.` : 'No templates yet: create one from a campaign definition.'}
        />
      )}
      <DeleteTemplateDialog template={deleting} onClose={() => setDeleting(null)} />
    </PageContainer>
  );
}
