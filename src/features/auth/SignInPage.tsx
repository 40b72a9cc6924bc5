import { useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import Divider from '@mui/material/Divider';
import { beginLogin, oauthClientId, safeNext } from '../../api/oauth';
import { sessionFromToken, sessionStore, signInWithClientCredentials } from '../../api/session';

/**
 * Sign-in to a real tenant: with the tenant's own login (authorization code + PKCE, when the deployment
 * configured a public OAuth client), or a personal access token (client ID and secret, exchanged at the tenant's
 * /oauth/token through Attest's proxy), or an access token pasted as is.
 */
export function SignInPage() {
  const [method, setMethod] = useState<'pat' | 'token'>('pat');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const expired = params.get('reason') === 'expired';
  const loginClientId = oauthClientId();
  const [redirecting, setRedirecting] = useState(false);

  async function signInWithLogin() {
    setError(null);
    setRedirecting(true);
    try {
      window.location.assign(await beginLogin(loginClientId, params.get('next') ?? '/certifications'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setRedirecting(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const previous = sessionStore.get();
      const session = method === 'pat' ? await signInWithClientCredentials(clientId, clientSecret) : sessionFromToken(token);
      // Another person's cached data must not show for this one.
      if (previous?.identityId !== session.identityId) queryClient.clear();
      sessionStore.set(session);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, width: '100%', maxWidth: 480 }}>
        <Typography variant="h4" component="h1" gutterBottom>Sign in to Attest</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Tenant: {__TENANT_URL__ || 'this server'}. Your token stays in this browser tab and is sent only to this tenant.
        </Typography>
        {expired ? <Alert severity="warning" sx={{ mb: 2 }}>Your session expired. Sign in again to carry on where you were.</Alert> : null}
        {loginClientId ? (
          <>
            <Button variant="contained" fullWidth size="large" onClick={() => void signInWithLogin()} disabled={redirecting}>
              {redirecting ? 'Going to your login page…' : 'Sign in with your organization’s login'}
            </Button>
            <Divider sx={{ my: 3 }}>or with a token</Divider>
          </>
        ) : null}
        <Tabs value={method} onChange={(_, value: 'pat' | 'token') => setMethod(value)} aria-label="Sign-in method" sx={{ mb: 2 }}>
          <Tab value="pat" label="Personal access token" />
          <Tab value="token" label="Access token" />
        </Tabs>
        <form onSubmit={submit} noValidate>
          <Stack spacing={2}>
            {method === 'pat' ? (
              <>
                <TextField label="Client ID" value={clientId} onChange={(e) => setClientId(e.target.value)} required autoComplete="username" />
                <TextField label="Client secret" type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} required autoComplete="current-password" />
              </>
            ) : (
              <TextField label="Access token" value={token} onChange={(e) => setToken(e.target.value)} required multiline minRows={3} helperText="A JWT issued by your tenant for your user." />
            )}
            {error ? <Alert severity="error">{error}</Alert> : null}
            <Button type="submit" variant="contained" disabled={busy || (method === 'pat' ? !clientId.trim() || !clientSecret.trim() : !token.trim())}>
              {busy ? 'Signing in…' : 'Sign in'}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Box>
  );
}
