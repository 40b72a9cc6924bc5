import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useNotify } from '../../components/notifications';
import { sessionStore, signInWithClientCredentials, useSession } from '../../api/session';
import { useLeaveIdentityGuard } from '../../features/certifications/workspace/decisions/HeldDecisions';
import { useSandboxControls } from '../sandbox-context';

/** Sandbox only: act as one of the seed's personas, or reset the sandbox to its seed. */
export function PersonaSwitcher() {
  const sandbox = useSandboxControls();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [busy, setBusy] = useState(false);
  const leave = useLeaveIdentityGuard();
  if (!sandbox) return null;
  const current = sandbox.personas.find((p) => p.key === session?.personaKey);

  async function switchTo(key: string) {
    setAnchor(null);
    if (key === session?.personaKey) return;
    const { clientId, clientSecret } = sandbox!.credentials(key);
    try {
      const next = await signInWithClientCredentials(clientId, clientSecret, key);
      queryClient.clear();
      sessionStore.set(next);
      navigate('/certifications');
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), 'error');
    }
  }

  async function reset() {
    setBusy(true);
    try {
      await sandbox!.reset();
      queryClient.clear();
      setConfirmReset(false);
      navigate('/certifications');
      notify('The sandbox was reset to its original data.', 'success');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        color="inherit"
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? 'persona-menu' : undefined}
        sx={{ textTransform: 'none' }}
      >
        Acting as: {current?.label ?? session?.name ?? 'nobody'}
      </Button>
      <Menu id="persona-menu" anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {sandbox.personas.map((p) => (
          <MenuItem
            key={p.key}
            selected={p.key === session?.personaKey}
            onClick={() => {
              setAnchor(null);
              if (p.key !== session?.personaKey) leave.guard(() => void switchTo(p.key));
            }}
          >
            <ListItemText primary={p.label} secondary={p.description} />
          </MenuItem>
        ))}
        <Divider />
        <MenuItem onClick={() => { setAnchor(null); setConfirmReset(true); }}>Reset sandbox…</MenuItem>
      </Menu>
      {leave.dialog}
      <Dialog open={confirmReset} onClose={() => !busy && setConfirmReset(false)} aria-labelledby="reset-title">
        <DialogTitle id="reset-title">Reset the sandbox?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Every decision, sign-off, reassignment and campaign change made in the sandbox is discarded, and its original data comes back.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmReset(false)} disabled={busy}>Cancel</Button>
          <Button color="error" variant="contained" onClick={() => void reset()} disabled={busy}>
            {busy ? 'Resetting…' : 'Reset sandbox'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
