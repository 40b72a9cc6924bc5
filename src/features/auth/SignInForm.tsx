import { useEffect, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import { beginLogin, loginInPopup, oauthClientId } from '../../api/oauth';
import { sessionFromToken, signInWithClientCredentials, type Session } from '../../api/session';

interface SignInFormProps {
  /** Where a redirect sign-in returns to. */
  next: string;
  onSignedIn: (session: Session) => void;
  /** 'redirect' leaves the page for the tenant login; 'popup' keeps this page (and what is typed in it). */
  login: 'redirect' | 'popup';
}

/**
 * The ways to sign in to a real tenant: the tenant's own login (authorization code + PKCE, when the
 * deployment configured a public OAuth client), a personal access token, or a pasted access token.
 */
export function SignInForm({ next, onSignedIn, login }: SignInFormProps) {
  const loginClientId = oauthClientId();
  const [method, setMethod] = useState<'pat' | 'token'>('pat');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const popup = useRef<{ close: () => void } | null>(null);
  useEffect(() => () => popup.current?.close(), []);

  async function signInWithLogin() {
    setError(null);
    if (login === 'popup') {
      popup.current?.close();
      popup.current = loginInPopup((session) => {
        setWaiting(false);
        onSignedIn(session);
      });
      if (popup.current) setWaiting(true);
      else setError('Your browser blocked the sign-in window. Allow pop-ups for Attest and try again, or sign in with a token below.');
      return;
    }
    setWaiting(true);
    try {
      window.location.assign(await beginLogin(loginClientId, next));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setWaiting(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      onSignedIn(method === 'pat' ? await signInWithClientCredentials(clientId, clientSecret) : sessionFromToken(token));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {loginClientId ? (
        <>
          <Button variant="contained" fullWidth size="large" onClick={() => void signInWithLogin()} disabled={waiting && login === 'redirect'}>
            {waiting ? (login === 'popup' ? 'Finish signing in in the other window…' : 'Going to your login page…') : 'Sign in with your organization’s login'}
          </Button>
          <Divider sx={{ my: 3 }}>or with a token</Divider>
        </>
      ) : null}
      <Tabs value={method} onChange={(_, value: 'pat' | 'token') => setMethod(value)} aria-label="Sign-in method" variant="fullWidth" sx={{ mb: 2 }}>
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
          <Button type="submit" variant={loginClientId ? 'outlined' : 'contained'} disabled={busy || (method === 'pat' ? !clientId.trim() || !clientSecret.trim() : !token.trim())}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </Stack>
      </form>
    </>
  );
}
