import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink, useLocation } from 'react-router';
import type { IdentityCertificationDto } from '../../../api/schemas';
import type { SorterField } from '../../../api/collections';
import { collectionRules } from '../../../api/collections';
import { DueDate } from '../../../components/DueDate';
import { ErrorState } from '../../../components/ErrorState';
import { LinkTabs } from '../../../components/LinkTabs';
import { PageContainer } from '../../../components/PageContainer';
import { TenantText } from '../../../components/TenantText';
import { whenIdle } from '../../../components/whenIdle';
import { formatDateTime } from '../../../components/format';
import { ServerTable, type ServerTableColumn } from '../../../components/ServerTable';
import { useGridUrlState } from '../../../components/useGridUrlState';
import { CertificationProgress } from '../components/CertificationProgress';
import { PhaseChip } from '../components/PhaseChip';
import { certificationQueries } from '../queries';

type SortField = SorterField<'listIdentityCertifications'>;
const SORTABLE = collectionRules.listIdentityCertifications.sorters;
const STATUS_TABS = [
  { label: 'Active', to: '/certifications' },
  { label: 'Completed', to: '/certifications/completed' },
];

function columns(completed: boolean): ServerTableColumn<IdentityCertificationDto>[] {
  return [
    {
      field: 'name',
      headerName: 'Certification',
      sortable: true,
      minWidth: 220,
      render: (row) => (
        <Link component={RouterLink} to={`/certifications/${encodeURIComponent(row.id ?? '')}`} underline="hover" sx={{ fontWeight: 500, display: 'block' }}>
          <TenantText text={row.name} lines={2} />
        </Link>
      ),
    },
    { field: 'campaign', headerName: 'Campaign', minWidth: 180, render: (row) => <TenantText text={row.campaign?.name} fallback="—" lines={2} /> },
    {
      field: completed ? 'signed' : 'due',
      headerName: completed ? 'Signed' : 'Due',
      sortable: true,
      minWidth: 200,
      render: (row) =>
        completed ? <Typography variant="body2">{formatDateTime(row.signed)}</Typography> : <DueDate due={row.due} done={row.phase === 'SIGNED'} />,
    },
    { field: 'progress', headerName: 'Decisions', minWidth: 180, render: (row) => <CertificationProgress made={row.decisionsMade} total={row.decisionsTotal} /> },
    { field: 'identities', headerName: 'Identities', minWidth: 130, render: (row) => `${row.identitiesCompleted ?? 0} of ${row.identitiesTotal ?? 0}` },
    { field: 'phase', headerName: 'Phase', width: 110, render: (row) => <PhaseChip phase={row.phase} /> },
  ];
}

/**
 * A reviewer opens a certification from here next: its workspace's code (the grid and ~40 chunks) loads
 * while this page is idle, so opening one waits for its data only.
 */
function usePreloadWorkspace() {
  useEffect(() => {
    if (import.meta.env.MODE === 'test') return;
    return whenIdle(() => void import('./CertificationPage').catch(() => undefined));
  }, []);
}

/** The signed-in reviewer's certifications: Active to work on, Completed once signed. */
export function CertificationsPage() {
  usePreloadWorkspace();
  const completed = useLocation().pathname.endsWith('/completed');
  const grid = useGridUrlState<SortField>({ sortable: SORTABLE, defaultSort: completed ? '-signed' : 'due' });
  const query = useQuery(
    certificationQueries.mine({
      phase: completed ? 'SIGNED' : 'ACTIVE',
      offset: grid.page * grid.pageSize,
      limit: grid.pageSize,
      sorters: [grid.sort],
    }),
  );

  return (
    <PageContainer title="My certifications">
      <LinkTabs tabs={STATUS_TABS} selected={completed ? 1 : 0} label="Certification status" sx={{ mb: 2 }} />
      {query.isError && !query.data ? (
        <ErrorState title="Your certifications could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ServerTable
          label={completed ? 'Completed certifications' : 'Active certifications'}
          columns={columns(completed)}
          data={query.data}
          loading={query.isFetching}
          grid={grid}
          getRowId={(row) => row.id ?? row.name ?? ''}
          rowHeight={64}
          emptyText={
            completed
              ? 'No completed certifications yet. Certifications you sign off appear here.'
              : 'No active certifications. When a campaign asks you to review access, it appears here.'
          }
        />
      )}
    </PageContainer>
  );
}
