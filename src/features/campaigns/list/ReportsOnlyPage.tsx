import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { GridColDef } from '@mui/x-data-grid';
import { getCampaignReports } from '../../../api/campaigns';
import { collectionRules, type SorterField } from '../../../api/collections';
import type { SlimCampaign } from '../../../api/schemas';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { ErrorState } from '../../../components/ErrorState';
import { formatDate, formatDateTime } from '../../../components/format';
import { PageContainer } from '../../../components/PageContainer';
import { ServerDataGrid } from '../../../components/ServerDataGrid';
import { useGridUrlState } from '../../../components/useGridUrlState';
import { campaignQueries } from '../queries';
import { campaignListQueries } from './queries';
import { CampaignStatusChip } from './status';

const REPORT_LABELS: Record<string, string> = {
  CAMPAIGN_COMPOSITION_REPORT: 'Campaign composition',
  CAMPAIGN_REMEDIATION_STATUS_REPORT: 'Remediation status',
  CAMPAIGN_STATUS_REPORT: 'Campaign status',
  CERTIFICATION_SIGNOFF_REPORT: 'Certification sign-off',
};

function ReportsDialog({ campaign, onClose }: { campaign: SlimCampaign; onClose: () => void }) {
  const titleId = useId();
  const reports = useQuery({
    queryKey: [...campaignQueries.all(), 'reports-read-only', campaign.id],
    queryFn: ({ signal }) => getCampaignReports(campaign.id!, { signal }),
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Reports of {campaign.name}</DialogTitle>
      <DialogContent>
        {reports.isPending ? <LinearProgress aria-label="Loading reports" /> : null}
        {reports.isError ? <ErrorState title="Reports could not be loaded" error={reports.error} onRetry={() => void reports.refetch()} /> : null}
        {reports.data?.length === 0 ? <Alert severity="info">No report has been run for this campaign yet.</Alert> : null}
        {reports.data?.length ? (
          <Table size="small" aria-label={`Reports of ${campaign.name}`}>
            <TableHead>
              <TableRow><TableCell>Report</TableCell><TableCell>Status</TableCell><TableCell>Last run</TableCell></TableRow>
            </TableHead>
            <TableBody>
              {reports.data.map((r) => (
                <TableRow key={r.id ?? r.reportType}>
                  <TableCell>{REPORT_LABELS[r.reportType ?? ''] ?? r.name ?? r.reportType}</TableCell>
                  <TableCell>{r.status ?? '—'}</TableCell>
                  <TableCell>{formatDateTime(r.lastRunAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </DialogContent>
      <DialogActions><Button onClick={onClose}>Close</Button></DialogActions>
    </Dialog>
  );
}

/** The Campaigns area for REPORT_ADMIN: every campaign and its reports, read-only. */
export function ReportsOnlyPage() {
  const grid = useGridUrlState<SorterField<'getActiveCampaigns'>>({ sortable: collectionRules.getActiveCampaigns.sorters, defaultSort: '-created' });
  const page = useQuery(campaignListQueries.page({ statuses: [], name: '' }, { offset: grid.page * grid.pageSize, limit: grid.pageSize, sorters: [grid.sort] }));
  const [open, setOpen] = useState<SlimCampaign | null>(null);
  const columns: GridColDef<SlimCampaign>[] = [
    { field: 'name', headerName: 'Campaign', flex: 2, minWidth: 220 },
    { field: 'type', headerName: 'Type', minWidth: 140, sortable: false, valueGetter: (_v, row) => campaignTypeLabel(row.type) },
    { field: 'status', headerName: 'Status', minWidth: 150, sortable: false, renderCell: ({ row }) => <CampaignStatusChip status={row.status} /> },
    { field: 'created', headerName: 'Created', minWidth: 130, valueFormatter: (value: string | null) => formatDate(value) },
    {
      field: 'reports',
      headerName: 'Reports',
      minWidth: 130,
      sortable: false,
      renderCell: ({ row }) => (row.id ? <Button size="small" onClick={() => setOpen(row)} aria-label={`Reports of ${row.name}`}>Reports</Button> : null),
    },
  ];
  return (
    <PageContainer title="Campaign reports">
      <Alert severity="info" sx={{ mb: 2 }}>
        As a report admin you can read every campaign’s reports. Creating, changing and reviewing campaigns needs a certification admin.
      </Alert>
      {page.isError && !page.data ? (
        <ErrorState title="Campaigns could not be loaded" error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <ServerDataGrid label="Campaigns" columns={columns} data={page.data} loading={page.isFetching} grid={grid} getRowId={(row) => row.id ?? row.name} emptyText="No campaigns yet." />
      )}
      {open ? <ReportsDialog campaign={open} onClose={() => setOpen(null)} /> : null}
    </PageContainer>
  );
}
