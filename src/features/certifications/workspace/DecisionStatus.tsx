import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { useDecisions } from './decisions/useDecisions';

/**
 * Where decisions stand: a progress bar while a bulk run is saved, failures with what the tenant said
 * and a way to retry or drop them, and how many decisions were made in bulk versus one by one.
 */
export function DecisionStatus({ decisions }: { decisions: ReturnType<typeof useDecisions> }) {
  const { progress, failedCount, unsentCount, tally } = decisions;
  const running = progress && unsentCount > 0 && progress.total > 1;
  const firstFailure = [...decisions.pending.values()].find((e) => e.status === 'failed');
  return (
    <Box sx={{ mb: 2 }}>
      {running ? (
        <Box sx={{ mb: 1 }} role="status">
          <Typography variant="body2">
            Saving decisions: {progress.sent.toLocaleString()} of {progress.total.toLocaleString()} confirmed
          </Typography>
          <LinearProgress
            variant="determinate"
            value={Math.round((progress.sent / Math.max(1, progress.total)) * 100)}
            aria-label={`Saving decisions: ${progress.sent} of ${progress.total} confirmed`}
          />
        </Box>
      ) : unsentCount > 0 ? (
        <Typography variant="body2" role="status" color="text.secondary">Saving {unsentCount.toLocaleString()} decision{unsentCount === 1 ? '' : 's'}…</Typography>
      ) : null}
      {failedCount > 0 ? (
        <Alert
          severity="error"
          sx={{ mb: 1 }}
          action={
            <Stack direction="row" sx={{ gap: 1 }}>
              <Button color="inherit" size="small" onClick={decisions.retryFailed}>Retry</Button>
              <Button color="inherit" size="small" onClick={decisions.discardFailed}>Discard</Button>
            </Stack>
          }
        >
          {failedCount.toLocaleString()} decision{failedCount === 1 ? ' was' : 's were'} not saved. {firstFailure?.message}
        </Alert>
      ) : null}
      {tally.bulk + tally.single > 0 ? (
        <Typography variant="caption" color="text.secondary">
          In this session: {tally.single.toLocaleString()} decided one by one, {tally.bulk.toLocaleString()} in bulk.
        </Typography>
      ) : null}
    </Box>
  );
}
