import type { ReactElement } from 'react';
import Box from '@mui/material/Box';
import Chip, { type ChipProps } from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import ArchiveOutlinedIcon from '@mui/icons-material/ArchiveOutlined';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import ErrorIcon from '@mui/icons-material/Error';
import HelpOutlineIcon from '@mui/icons-material/HelpOutlineOutlined';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import VisibilityIcon from '@mui/icons-material/Visibility';
import type { SlimCampaign } from '../../../api/schemas';
import { CAMPAIGN_STATUS_LABELS } from '../../../components/campaignLabels';
import { percent } from '../../../components/format';

/**
 * How each campaign status reads at a glance: its own words, icon and colour (never colour alone), and what
 * its progress means. Outlined chips only in colours whose text keeps AA contrast on the page (primary, success). Statuses ISC adds later show their raw value.
 */
interface StatusLook {
  label: string;
  color: ChipProps['color'];
  variant: ChipProps['variant'];
  icon: ReactElement;
}

const LOOKS: Record<string, StatusLook> = {
  PENDING: { label: CAMPAIGN_STATUS_LABELS.PENDING, color: 'default', variant: 'outlined', icon: <HourglassEmptyIcon /> },
  STAGED: { label: CAMPAIGN_STATUS_LABELS.STAGED, color: 'info', variant: 'filled', icon: <VisibilityIcon /> },
  ACTIVATING: { label: CAMPAIGN_STATUS_LABELS.ACTIVATING, color: 'primary', variant: 'outlined', icon: <AutorenewIcon /> },
  ACTIVE: { label: CAMPAIGN_STATUS_LABELS.ACTIVE, color: 'primary', variant: 'filled', icon: <PlayCircleIcon /> },
  COMPLETING: { label: CAMPAIGN_STATUS_LABELS.COMPLETING, color: 'success', variant: 'outlined', icon: <AutorenewIcon /> },
  COMPLETED: { label: CAMPAIGN_STATUS_LABELS.COMPLETED, color: 'success', variant: 'filled', icon: <CheckCircleIcon /> },
  CANCELING: { label: CAMPAIGN_STATUS_LABELS.CANCELING, color: 'warning', variant: 'filled', icon: <DeleteOutlineIcon /> },
  ERROR: { label: CAMPAIGN_STATUS_LABELS.ERROR, color: 'error', variant: 'filled', icon: <ErrorIcon /> },
  ARCHIVED: { label: CAMPAIGN_STATUS_LABELS.ARCHIVED, color: 'default', variant: 'filled', icon: <ArchiveOutlinedIcon /> },
};

/** The campaign's status as a chip with words and an icon. */
export function CampaignStatusChip({ status }: { status: string | null | undefined }) {
  const look = (status && LOOKS[status]) || { label: status || 'Unknown', color: 'default' as const, variant: 'outlined' as const, icon: <HelpOutlineIcon /> };
  return <Chip size="small" label={look.label} color={look.color} variant={look.variant} icon={look.icon} />;
}

/** What a campaign's progress column says, by status. */
export type CampaignProgress =
  | { kind: 'text'; text: string; detail?: string }
  | { kind: 'bar'; text: string; value: number; done: boolean };

/** Progress that means what it says: staged = not started, error = no bar, generating = nothing to count yet. */
export function campaignProgress(campaign: Pick<SlimCampaign, 'status' | 'totalCertifications' | 'completedCertifications' | 'alerts'>): CampaignProgress {
  const total = campaign.totalCertifications ?? 0;
  const signed = campaign.completedCertifications ?? 0;
  const certifications = `${total.toLocaleString()} certification${total === 1 ? '' : 's'}`;
  const bar = (suffix = ''): CampaignProgress => ({
    kind: 'bar',
    text: `${signed.toLocaleString()} of ${total.toLocaleString()} signed${suffix}`,
    value: percent(signed, total),
    done: total > 0 && signed >= total,
  });
  switch (campaign.status) {
    case 'PENDING':
      return { kind: 'text', text: 'Generating…', detail: 'Certifications are being created' };
    case 'STAGED':
      return { kind: 'text', text: 'Not started', detail: `${certifications} ready to activate` };
    case 'ACTIVATING':
      return { kind: 'text', text: 'Starting', detail: `${certifications} being sent to reviewers` };
    case 'ERROR': {
      const errors = (campaign.alerts ?? []).filter((a) => a.level === 'ERROR').length;
      return { kind: 'text', text: 'Did not generate', detail: errors ? `${errors} error alert${errors === 1 ? '' : 's'}` : 'See the campaign’s alerts' };
    }
    case 'CANCELING':
      return { kind: 'text', text: 'Being deleted' };
    case 'COMPLETING':
      return bar(' · finishing');
    case 'ACTIVE':
    case 'COMPLETED':
    case 'ARCHIVED':
      return bar();
    default:
      return total ? bar() : { kind: 'text', text: '—' };
  }
}

/** The progress cell: a bar with its words as accessible name, or words only where a bar would mislead. */
export function CampaignProgressCell({ campaign }: { campaign: Pick<SlimCampaign, 'status' | 'totalCertifications' | 'completedCertifications' | 'alerts'> }) {
  const progress = campaignProgress(campaign);
  if (progress.kind === 'text') {
    return (
      <Box>
        <Typography variant="body2" component="span" sx={{ display: 'block' }}>{progress.text}</Typography>
        {progress.detail ? <Typography variant="caption" color="text.secondary">{progress.detail}</Typography> : null}
      </Box>
    );
  }
  return (
    <Box sx={{ width: '100%', minWidth: 120 }}>
      <Typography variant="body2" component="span">{progress.text}</Typography>
      <LinearProgress
        variant="determinate"
        value={progress.value}
        aria-label={progress.text}
        color={progress.done ? 'success' : 'primary'}
        sx={{ mt: 0.5, height: 6, borderRadius: 3 }}
      />
    </Box>
  );
}

/** Whether the deadline can count as overdue: only an ACTIVE campaign is late; finished or failed ones are not. */
export function deadlineCounts(status: string | null | undefined): boolean {
  return status === 'ACTIVE';
}
