import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { safeNext } from '../../api/oauth';
import { sessionStore, type Session } from '../../api/session';
import { SignInForm } from './SignInForm';

/** Sign-in to a real tenant; afterwards, back to the page the person came from (this origin's pages only). */
export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const expired = params.get('reason') === 'expired';
  const next = safeNext(params.get('next'));

  function signedIn(session: Session) {
    // Another person's cached data must not show for this one.
    if (sessionStore.get()?.identityId !== session.identityId) queryClient.clear();
    sessionStore.set(session);
    navigate(next, { replace: true });
  }

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, width: '100%', maxWidth: 480 }}>
        <Typography variant="h4" component="h1" gutterBottom>Sign in to Attest</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Tenant: {__TENANT_URL__ || 'this server'}. Your token stays in this browser tab and is sent only to this tenant.
        </Typography>
        {expired ? <Alert severity="warning" sx={{ mb: 2 }}>Your session expired. Sign in again to carry on where you were.</Alert> : null}
        <SignInForm next={next} onSignedIn={signedIn} login="redirect" />
      </Paper>
    </Box>
  );
}
