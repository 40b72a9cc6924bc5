import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { percent } from '../../../components/format';
import { CAMPAIGN_STATUS_LABELS } from '../labels';
import type { CampaignStatus } from '../../../api/schemas';

/** Small building blocks of the campaign page. */

type ChipColor = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

const STATUS_COLORS: Partial<Record<CampaignStatus, ChipColor>> = {
  PENDING: 'info',
  STAGED: 'secondary',
  ACTIVATING: 'info',
  ACTIVE: 'primary',
  COMPLETING: 'info',
  COMPLETED: 'success',
  ERROR: 'error',
  CANCELING: 'warning',
};

/** The campaign's status in words (colour repeats it, never replaces it); unknown statuses show as they come. */
export function CampaignStatusChip({ status }: { status: string | null | undefined }) {
  const label = (status && CAMPAIGN_STATUS_LABELS[status as CampaignStatus]) || status || 'Unknown';
  return <Chip size="small" color={STATUS_COLORS[status as CampaignStatus] ?? 'default'} label={label} />;
}

/** Part of a whole, as a bar and in words (the words are the accessible name). */
export function Progress({ made, total, label }: { made: number; total: number; label: string }) {
  const text = `${made.toLocaleString()} of ${total.toLocaleString()} ${label}`;
  const value = percent(made, total);
  return (
    <Box sx={{ width: '100%', minWidth: 120 }}>
      <Typography variant="body2" component="span">{text}</Typography>
      <LinearProgress variant="determinate" value={value} aria-label={text} sx={{ mt: 0.5, height: 6, borderRadius: 3 }} color={value === 100 ? 'success' : 'primary'} />
    </Box>
  );
}

/** A term and its value in a description list. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography component="dt" variant="caption" color="text.secondary">{term}</Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-word' }}>{children}</Typography>
    </Box>
  );
}

/** Saves a Blob as a file through a temporary link. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from free text (a campaign name): letters, digits, spaces, dots and dashes only. */
export function fileSafe(text: string): string {
  return text.replace(/[^\w .-]+/g, '_').replace(/\s+/g, ' ').trim().slice(0, 80) || 'campaign';
}
