import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { isApiError } from '../api/errors';

/** An inline error where content would be: what happened, what to do, and a retry. */
export function ErrorState({ error, title, onRetry }: { error: unknown; title: string; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const advice = isApiError(error) ? error.advice : 'Try again.';
  const trackingId = isApiError(error) ? error.trackingId : undefined;
  return (
    <Alert
      severity="error"
      action={onRetry ? <Button color="inherit" size="small" onClick={onRetry}>Retry</Button> : undefined}
      sx={{ my: 2 }}
    >
      <AlertTitle>{title}</AlertTitle>
      <Typography variant="body2">{message}</Typography>
      <Typography variant="body2">{advice}</Typography>
      {trackingId ? <Typography variant="caption" component="p">Tracking id: {trackingId}</Typography> : null}
    </Alert>
  );
}
