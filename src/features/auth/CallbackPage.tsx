import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { beginLogin, completeLoginOnce, handOffSession, oauthClientId } from '../../api/oauth';
import { sessionStore } from '../../api/session';

/**
 * Where the tenant's login sends the browser back: checks the answer, exchanges the code, goes on. In a
 * sign-in pop-up, hands the session to the page that opened it and closes.
 */
export function CallbackPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [handedOff, setHandedOff] = useState(false);

  useEffect(() => {
    let cancelled = false;
    completeLoginOnce(new URL(window.location.href)).then(
      ({ session, next, channel }) => {
        if (cancelled) return;
        if (channel) {
          handOffSession(channel, session);
          setHandedOff(true);
          window.close();
          return;
        }
        // Another person's cached data must not show for this one.
        if (sessionStore.get()?.identityId !== session.identityId) queryClient.clear();
        sessionStore.set(session);
        navigate(next, { replace: true });
      },
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [navigate, queryClient]);

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      {error ? (
        <Alert severity="error" action={<Button color="inherit" component={RouterLink} to="/sign-in">Sign in again</Button>}>
          {error}
        </Alert>
      ) : handedOff ? (
        <Typography component="h1" variant="h6">You are signed in. Close this window to go back to Attest.</Typography>
      ) : (
        <CircularProgress aria-label="Finishing sign-in" />
      )}
    </Box>
  );
}

/** The first page of a sign-in pop-up: starts the tenant login here, so this window keeps its own verifier. */
export function PopupStartPage() {
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const channel = params.get('channel');

  useEffect(() => {
    if (!channel) return;
    let cancelled = false;
    beginLogin(oauthClientId(), '/certifications', channel).then(
      (url) => !cancelled && window.location.replace(url),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [channel]);

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      {error || !channel ? (
        <Alert severity="error">{error ?? 'This window signs you in for an Attest page; open it from that page.'}</Alert>
      ) : (
        <CircularProgress aria-label="Going to your login page" />
      )}
    </Box>
  );
}
