import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useLocation } from 'react-router';
import { canSeeCampaigns, isAdmin, sessionStore, signInWithClientCredentials, useSession, useSessionExpired } from '../api/session';
import { NotFoundPage } from './ErrorPages';
import { useSandboxControls } from './sandbox-context';

const DEFAULT_PERSONA = 'manager';
const ReauthDialog = lazy(async () => ({ default: (await import('../features/auth/ReauthDialog')).ReauthDialog }));

/**
 * Pages behind sign-in. On the sandbox, Attest signs in as the manager persona by itself (and again when
 * a token expires); on a real tenant it sends the person to sign in, keeping where they were. An expired
 * session never unmounts the page: a sign-in dialog opens over it, so nothing typed is lost.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const expired = useSessionExpired();
  const sandbox = useSandboxControls();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const needsSandboxSignIn = Boolean(sandbox) && (!session || expired);
  const queryClient = useQueryClient();
  const wasExpired = useRef(expired);
  useEffect(() => {
    // Signed in again: what failed on the expired token is fetched again; the rest stays as it is.
    if (wasExpired.current && !expired) void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' });
    wasExpired.current = expired;
  }, [expired, queryClient]);

  useEffect(() => {
    if (!needsSandboxSignIn || !sandbox) return;
    let cancelled = false;
    const key = session?.personaKey ?? DEFAULT_PERSONA;
    const { clientId, clientSecret } = sandbox.credentials(key);
    signInWithClientCredentials(clientId, clientSecret, key).then(
      (next) => !cancelled && sessionStore.set(next),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [needsSandboxSignIn, sandbox, session?.personaKey, attempt]);

  if (sandbox && needsSandboxSignIn && !session) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '60vh', p: 2 }}>
        {error ? (
          <Alert severity="error" action={<Button color="inherit" onClick={() => { setError(null); setAttempt((n) => n + 1); }}>Retry</Button>}>
            Could not sign in to the sandbox: {error}
          </Alert>
        ) : (
          <CircularProgress aria-label="Signing in to the sandbox" />
        )}
      </Box>
    );
  }
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/sign-in?next=${next}`} replace />;
  }
  return (
    <>
      {children}
      {expired && !sandbox ? (
        <Suspense fallback={null}>
          <ReauthDialog open />
        </Suspense>
      ) : null}
      {expired && sandbox && error ? (
        <Alert severity="error" sx={{ position: 'fixed', bottom: 16, left: 16, right: 16, zIndex: (t) => t.zIndex.snackbar }} action={<Button color="inherit" onClick={() => { setError(null); setAttempt((n) => n + 1); }}>Retry</Button>}>
          Could not sign in to the sandbox again: {error}
        </Alert>
      ) : null}
    </>
  );
}

/** Admin areas: shown to ORG_ADMIN and CERT_ADMIN only; others get the not-found page, not a hint. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  return isAdmin(session) ? <>{children}</> : <NotFoundPage />;
}

/** The Campaigns area: the admin console for ORG_ADMIN and CERT_ADMIN, reports only for REPORT_ADMIN, not-found otherwise. */
export function RequireCampaignsArea({ admin, reports }: { admin: ReactNode; reports: ReactNode }) {
  const session = useSession();
  if (isAdmin(session)) return <>{admin}</>;
  return canSeeCampaigns(session) ? <>{reports}</> : <NotFoundPage />;
}
