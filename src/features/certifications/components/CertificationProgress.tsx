import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { percent } from '../../../components/format';

/** Decisions made out of the total, as a bar and in words (the words are the accessible name). */
export function CertificationProgress({ made = 0, total = 0, label = 'decisions' }: { made?: number; total?: number; label?: string }) {
  const value = percent(made, total);
  const text = `${made.toLocaleString()} of ${total.toLocaleString()} ${label}`;
  return (
    <Box sx={{ width: '100%', minWidth: 120 }}>
      <Typography variant="body2" component="span">{text}</Typography>
      <LinearProgress variant="determinate" value={value} aria-label={text} sx={{ mt: 0.5, height: 6, borderRadius: 3 }} color={value === 100 ? 'success' : 'primary'} />
    </Box>
  );
}
