import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { percent } from '../../../../components/format';

/** "Loading all N items… X%": the full index on its way, for a view ISC cannot compute. */
export function IndexProgress({ loaded, total }: { loaded: number; total: number | undefined }) {
  const value = total ? percent(loaded, total) : 0;
  const what = total !== undefined ? `all ${total.toLocaleString()} items` : 'all items';
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Loading {what}… {value}%
      </Typography>
      <LinearProgress variant="determinate" value={value} aria-label={`Loading ${what}`} />
    </Paper>
  );
}

