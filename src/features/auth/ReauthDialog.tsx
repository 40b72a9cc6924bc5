import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { sessionStore, useSession, type Session } from '../../api/session';
import { SignInForm } from './SignInForm';

/**
 * Over the page when the session expires on a real tenant: sign in again without leaving, so nothing typed
 * is lost; decisions wait in this browser meanwhile. Someone else signing in starts from their own list.
 */
export function ReauthDialog({ open }: { open: boolean }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  function signedIn(next: Session) {
    const previous = sessionStore.get();
    if (previous?.identityId !== next.identityId) {
      queryClient.clear();
      sessionStore.set(next);
      navigate('/certifications', { replace: true });
      return;
    }
    sessionStore.set(next);
  }

  return (
    <Dialog open={open} aria-labelledby="reauth-title" aria-describedby="reauth-text" maxWidth="xs" fullWidth>
      <DialogTitle id="reauth-title">Your session expired</DialogTitle>
      <DialogContent>
        <DialogContentText id="reauth-text" sx={{ mb: 2 }}>
          Sign in again{session ? <> as <bdi>{session.name}</bdi></> : null} to carry on. This page keeps what you typed, and your
          decisions wait in this browser until you are back.
        </DialogContentText>
        <SignInForm next={location.pathname + location.search} onSignedIn={signedIn} login="popup" />
      </DialogContent>
    </Dialog>
  );
}
