import { useQuery } from '@tanstack/react-query';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { GridColDef } from '@mui/x-data-grid';
import { Link as RouterLink } from 'react-router';
import { collectionRules, type SorterField } from '../../../api/collections';
import type { IdentityCertificationDto } from '../../../api/schemas';
import { DueDate } from '../../../components/DueDate';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { ServerDataGrid } from '../../../components/ServerDataGrid';
import { useGridUrlState } from '../../../components/useGridUrlState';
import { Progress } from './parts';
import { campaignPageQueries } from './queries';

type SortField = SorterField<'listIdentityCertifications'>;

const PHASES: Record<string, string> = { STAGED: 'Staged', ACTIVE: 'Active', SIGNED: 'Signed' };

const columns: GridColDef<IdentityCertificationDto>[] = [
  {
    field: 'name',
    headerName: 'Certification',
    flex: 2,
    minWidth: 220,
    renderCell: ({ row }) =>
      // Admins may open any certification; a STAGED one has nothing to work on yet.
      row.id && row.phase !== 'STAGED' ? (
        <Link component={RouterLink} to={`/certifications/${encodeURIComponent(row.id)}`}>{row.name ?? row.id}</Link>
      ) : (
        <span>{row.name ?? row.id}</span>
      ),
  },
  {
    field: 'reviewer',
    headerName: 'Reviewer',
    minWidth: 170,
    flex: 1,
    sortable: false,
    valueGetter: (_v, row) => `${row.reviewer?.name ?? 'Unknown'}${row.reviewer?.type === 'GOVERNANCE_GROUP' ? ' (governance group)' : ''}`,
  },
  { field: 'phase', headerName: 'Phase', minWidth: 90, sortable: false, valueGetter: (_v, row) => PHASES[row.phase ?? ''] ?? row.phase ?? 'Unknown' },
  {
    field: 'decisions',
    headerName: 'Decisions',
    minWidth: 170,
    sortable: false,
    renderCell: ({ row }) => <Progress made={row.decisionsMade ?? 0} total={row.decisionsTotal ?? 0} label="decisions" />,
  },
  {
    field: 'identities',
    headerName: 'Identities',
    minWidth: 110,
    sortable: false,
    valueGetter: (_v, row) => `${(row.identitiesCompleted ?? 0).toLocaleString()} of ${(row.identitiesTotal ?? 0).toLocaleString()}`,
  },
  { field: 'due', headerName: 'Due', minWidth: 190, renderCell: ({ row }) => <DueDate due={row.due} done={row.phase === 'SIGNED'} /> },
  { field: 'signed', headerName: 'Signed', minWidth: 160, valueFormatter: (value: string | null) => (value ? formatDateTime(value) : 'Not signed') },
  {
    field: 'reassignment',
    headerName: 'Reassigned from',
    minWidth: 200,
    flex: 1,
    sortable: false,
    renderCell: ({ row }) =>
      row.reassignment ? (
        <Typography variant="body2" title={row.reassignment.comment ?? undefined}>
          {row.reassignment.from?.reviewer?.name ?? row.reassignment.from?.name ?? 'Another reviewer'}
          {row.reassignment.comment ? ` — ${row.reassignment.comment}` : ''}
        </Typography>
      ) : (
        <Typography variant="body2" color="text.secondary">—</Typography>
      ),
  },
];

/** Every certification of the campaign, paged and sorted on the tenant. */
export function CertificationsGrid({ campaignId }: { campaignId: string }) {
  const grid = useGridUrlState<SortField>({ sortable: collectionRules.listIdentityCertifications.sorters, defaultSort: 'name' });
  const query = useQuery(campaignPageQueries.certifications(campaignId, { offset: grid.page * grid.pageSize, limit: grid.pageSize, sorters: [grid.sort] }));
  if (query.isError && !query.data) {
    return <ErrorState title="The certifications could not be loaded" error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <ServerDataGrid
      label="Certifications of this campaign"
      columns={columns}
      data={query.data}
      loading={query.isFetching}
      grid={grid}
      getRowId={(row) => row.id ?? `${row.name}-${row.reviewer?.id}`}
      emptyText="This campaign has no certifications."
    />
  );
}
