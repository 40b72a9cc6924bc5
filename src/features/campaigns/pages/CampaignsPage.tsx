import { useQuery } from '@tanstack/react-query';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import type { GridColDef } from '@mui/x-data-grid';
import { useSearchParams } from 'react-router';
import { collectionRules, type SorterField } from '../../../api/collections';
import { CampaignStatus, type SlimCampaign } from '../../../api/schemas';
import { DueDate } from '../../../components/DueDate';
import { ErrorState } from '../../../components/ErrorState';
import { PageContainer } from '../../../components/PageContainer';
import { formatDate } from '../../../components/format';
import { ServerDataGrid } from '../../../components/ServerDataGrid';
import { useGridUrlState } from '../../../components/useGridUrlState';
import { CertificationProgress } from '../../certifications/components/CertificationProgress';
import { CAMPAIGN_STATUS_LABELS, campaignTypeLabel } from '../labels';
import { campaignQueries } from '../queries';

type SortField = SorterField<'getActiveCampaigns'>;

const columns: GridColDef<SlimCampaign>[] = [
  { field: 'name', headerName: 'Campaign', flex: 2, minWidth: 220 },
  { field: 'type', headerName: 'Type', minWidth: 150, sortable: false, valueGetter: (_v, row) => campaignTypeLabel(row.type) },
  {
    field: 'status',
    headerName: 'Status',
    minWidth: 140,
    sortable: false,
    renderCell: ({ row }) => <Chip size="small" variant="outlined" label={row.status ? CAMPAIGN_STATUS_LABELS[row.status] : 'Unknown'} />,
  },
  {
    field: 'deadline',
    headerName: 'Deadline',
    minWidth: 200,
    sortable: false,
    renderCell: ({ row }) => <DueDate due={row.deadline} done={row.status === 'COMPLETED' || row.status === 'ARCHIVED'} />,
  },
  {
    field: 'certifications',
    headerName: 'Certifications signed',
    minWidth: 200,
    sortable: false,
    renderCell: ({ row }) => <CertificationProgress made={row.completedCertifications ?? 0} total={row.totalCertifications ?? 0} label="signed" />,
  },
  { field: 'created', headerName: 'Created', minWidth: 130, valueFormatter: (value: string | null) => formatDate(value) },
];

/** Every campaign of the tenant, for certification admins. */
export function CampaignsPage() {
  const [params, setParams] = useSearchParams();
  const statuses = (params.get('status')?.split(',') ?? []).filter((s): s is CampaignStatus => CampaignStatus.safeParse(s).success);
  const grid = useGridUrlState<SortField>({ sortable: collectionRules.getActiveCampaigns.sorters, defaultSort: '-created' });
  const query = useQuery(
    campaignQueries.list({ statuses, offset: grid.page * grid.pageSize, limit: grid.pageSize, sorters: [grid.sort] }),
  );

  return (
    <PageContainer
      title="Campaigns"
      actions={
        <FormControl size="small" sx={{ minWidth: 220 }}>
          <InputLabel id="campaign-status-label">Status</InputLabel>
          <Select
            labelId="campaign-status-label"
            label="Status"
            multiple
            value={statuses}
            renderValue={(selected) => selected.map((s) => CAMPAIGN_STATUS_LABELS[s]).join(', ')}
            onChange={(event) => {
              const value = event.target.value;
              const list = typeof value === 'string' ? value.split(',') : value;
              setParams((current) => {
                const next = new URLSearchParams(current);
                if (list.length) next.set('status', list.join(','));
                else next.delete('status');
                next.delete('page');
                return next;
              }, { replace: true });
            }}
          >
            {CampaignStatus.options.map((status) => (
              <MenuItem key={status} value={status}>{CAMPAIGN_STATUS_LABELS[status]}</MenuItem>
            ))}
          </Select>
        </FormControl>
      }
    >
      {query.isError && !query.data ? (
        <ErrorState title="Campaigns could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ServerDataGrid
          label="Campaigns"
          columns={columns}
          data={query.data}
          loading={query.isFetching}
          grid={grid}
          getRowId={(row) => row.id ?? row.name}
          emptyText={statuses.length ? 'No campaigns with this status.' : 'No campaigns yet.'}
        />
      )}
    </PageContainer>
  );
}
