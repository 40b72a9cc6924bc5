import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '@mui/utils';
import type { WaitReason } from './decisions/queue';
import { getDecisionQueue, type useDecisions } from './decisions/useDecisions';

/** Why decisions wait, in words; `{s}` is replaced by the seconds to the next try. */
const WAIT_TEXT: Record<WaitReason, string> = {
  offline: 'The tenant can’t be reached (offline?). They are kept in this browser; next try {s}.',
  'rate-limited': 'The tenant is rate-limiting requests. Next try {s}.',
  'tenant-error': 'The tenant had a problem. Next try {s}.',
  storage: 'This browser could not save them (is its storage full, or private browsing?), so they are not sent yet: a decision leaves only once it is safe here. Next try {s}.',
  'session-expired': 'Your session has expired: sign in again to send them. Nothing is lost.',
  'other-tab': 'Another Attest tab in this browser is sending them; they show here as they are saved.',
};

/** Seconds until `at`, re-rendering every second while there is one. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "All 1,628 decisions saved", announced politely for a few seconds once the queue drains. */
function useDrainedMessage(certificationId: string): string {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = getDecisionQueue().subscribe((event) => {
      if (event.certificationId !== certificationId || event.type !== 'drained') return;
      setMessage(event.saved === 1 ? 'Your decision is saved.' : `All ${event.saved.toLocaleString()} decisions saved.`);
      clearTimeout(timer);
      timer = setTimeout(() => setMessage(''), 6000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [certificationId]);
  return message;
}

/**
 * Where decisions stand: a progress bar while a run is saved, why they wait and when the next try is (with
 * Retry now), "All N decisions saved" once done, failures with what the tenant said and a way to retry or
 * drop them, and how many decisions were made in bulk versus one by one.
 */
export function DecisionStatus({ certificationId, decisions }: { certificationId: string; decisions: ReturnType<typeof useDecisions> }) {
  const { progress, failedCount, unsentCount, tally, health } = decisions;
  const seconds = useSecondsUntil(unsentCount > 0 ? health.retryAt : null);
  const drained = useDrainedMessage(certificationId);
  const running = progress && unsentCount > 0 && progress.total > 1;
  const firstFailure = [...decisions.pending.values()].find((e) => e.status === 'failed');
  const reason = unsentCount > 0 ? health.reason : null;
  const when = seconds === null ? 'soon' : seconds === 0 ? 'now' : `in ${seconds} s`;
  const canRetryNow = reason === 'offline' || reason === 'rate-limited' || reason === 'tenant-error' || reason === 'storage';
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
        <Typography variant="body2" role="status" color="text.secondary">
          Saving {unsentCount.toLocaleString()} decision{unsentCount === 1 ? '' : 's'}…
        </Typography>
      ) : null}
      {reason ? (
        <Alert
          severity={reason === 'session-expired' ? 'warning' : 'info'}
          sx={{ my: 1 }}
          action={
            canRetryNow ? (
              <Button color="inherit" size="small" onClick={decisions.retryNow}>Retry now</Button>
            ) : undefined
          }
        >
          {`${unsentCount.toLocaleString()} decision${unsentCount === 1 ? ' waits' : 's wait'}. ${WAIT_TEXT[reason].replace('{s}', when)}`}
        </Alert>
      ) : null}
      <Box role="status" aria-live="polite" sx={drained ? undefined : visuallyHidden}>
        {drained ? <Typography variant="body2" color="success.main">{drained}</Typography> : null}
      </Box>
      {failedCount > 0 ? (
        <Alert
          severity="error"
          sx={{ mb: 1, overflowWrap: 'anywhere' }}
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
          {`In this session: ${tally.single.toLocaleString()} decided one by one, ${tally.bulk.toLocaleString()} in bulk`}
          {tally.bulkHighRisk > 0 ? ` (${tally.bulkHighRisk.toLocaleString()} of them high-risk, approved with a comment)` : ''}.
        </Typography>
      ) : null}
    </Box>
  );
}
