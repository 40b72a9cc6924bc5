import Chip from '@mui/material/Chip';
import type { CertificationPhase } from '../../../api/schemas';

const LABELS: Record<CertificationPhase, { label: string; color: 'default' | 'primary' | 'success' }> = {
  STAGED: { label: 'Staged', color: 'default' },
  ACTIVE: { label: 'Active', color: 'primary' },
  SIGNED: { label: 'Signed', color: 'success' },
};

export function PhaseChip({ phase }: { phase: CertificationPhase | undefined }) {
  const entry = phase ? LABELS[phase] : { label: 'Unknown', color: 'default' as const };
  return <Chip size="small" variant="outlined" color={entry.color} label={entry.label} />;
}
