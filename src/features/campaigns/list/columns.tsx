import { useState } from 'react';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import type { GridColDef } from '@mui/x-data-grid';
import { Link as RouterLink } from 'react-router';
import { browserUtcOffsetMinutes, deadlineAllowsActivation } from '../../../api/rules';
import type { SlimCampaign } from '../../../api/schemas';
import { campaignTypeLabel } from '../../../components/campaignLabels';
import { DueDate } from '../../../components/DueDate';
import { formatDate } from '../../../components/format';
import { CampaignProgressCell, CampaignStatusChip, deadlineCounts } from './status';
import { WarningChip } from '../../../components/WarningChip';

function DeadlineCell({ campaign }: { campaign: SlimCampaign }) {
  // The moment the row was first shown: stable across re-renders.
  const [now] = useState(() => Date.now());
  const staged = campaign.status === 'STAGED';
  const tooSoon = staged && !deadlineAllowsActivation(campaign.deadline, now, browserUtcOffsetMinutes());
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <DueDate due={campaign.deadline} done={!deadlineCounts(campaign.status)} />
      {tooSoon ? <WarningChip label="Too soon to activate" /> : null}
    </Stack>
  );
}

/** The campaign list's columns, what matters first (a phone shows name and status without scrolling); `sortable` names the fields the current mode can sort by. */
export function campaignColumns(sortable: readonly string[]): GridColDef<SlimCampaign>[] {
  const can = (field: string) => sortable.includes(field);
  return [
    {
      field: 'name',
      headerName: 'Campaign',
      flex: 2,
      minWidth: 180,
      sortable: can('name'),
      renderCell: ({ row }) =>
        row.id ? (
          <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(row.id)}`}>{row.name}</Link>
        ) : (
          row.name
        ),
    },
    {
      field: 'status',
      headerName: 'Status',
      minWidth: 150,
      sortable: can('status'),
      renderCell: ({ row }) => <CampaignStatusChip status={row.status} />,
    },
    {
      field: 'progress',
      headerName: 'Progress',
      minWidth: 200,
      flex: 1,
      sortable: false,
      renderCell: ({ row }) => <CampaignProgressCell campaign={row} />,
    },
    {
      field: 'deadline',
      headerName: 'Deadline',
      minWidth: 220,
      sortable: can('deadline'),
      renderCell: ({ row }) => <DeadlineCell campaign={row} />,
    },
    { field: 'type', headerName: 'Type', minWidth: 140, sortable: can('type'), valueGetter: (_v, row) => campaignTypeLabel(row.type) },
    { field: 'created', headerName: 'Created', minWidth: 130, sortable: can('created'), valueFormatter: (value: string | null) => formatDate(value) },
    {
      field: 'preflight',
      headerName: 'Before activation',
      minWidth: 150,
      sortable: false,
      renderCell: ({ row }) =>
        row.id && (row.status === 'PENDING' || row.status === 'STAGED') ? (
          <Link component={RouterLink} to={`/campaigns/${encodeURIComponent(row.id)}/preflight`} aria-label={`Preflight of ${row.name}`}>
            Preflight
          </Link>
        ) : null,
    },
  ];
}
