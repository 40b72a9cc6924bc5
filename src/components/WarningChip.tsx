import Chip from '@mui/material/Chip';

/**
 * A small outlined chip that flags something to look at. The warning colour marks the border only: as text
 * on the page's background it has a contrast of 2.9:1, under the 4.5:1 that text needs.
 */
export function WarningChip({ label }: { label: string }) {
  return <Chip size="small" variant="outlined" label={label} sx={{ color: 'text.primary', borderColor: 'warning.main', borderWidth: 2 }} />;
}
