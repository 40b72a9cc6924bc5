import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useQueryClient } from '@tanstack/react-query';
import { Link as RouterLink, useNavigate } from 'react-router';
import { completeLoginOnce } from '../../api/oauth';
import { sessionStore } from '../../api/session';

/** Where the tenant's login sends the browser back: checks the answer, exchanges the code, goes on. */
export function CallbackPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    completeLoginOnce(new URL(window.location.href)).then(
      ({ session, next }) => {
        if (cancelled) return;
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
      ) : (
        <CircularProgress aria-label="Finishing sign-in" />
      )}
    </Box>
  );
}
