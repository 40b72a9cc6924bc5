import { useCallback, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { DecisionOwner } from './queue';
import { getDecisionQueue, useQueueRevision } from './useDecisions';

/** Re-renders after changes of the decision queue (in a transition), answering `read()` of it. */
function useQueueValue<T>(read: () => T): T {
  const q = getDecisionQueue();
  useQueueRevision(q, null);
  return read();
}

const decisionsText = (n: number) => `${n.toLocaleString()} decision${n === 1 ? '' : 's'}`;

/**
 * Other identities' decisions kept in this browser (after a sign-out, a persona switch or someone else
 * signing in): never sent under another name, never silently dropped. Says whose they are, and lets the
 * person discard them explicitly.
 */
export function HeldDecisionsBanner() {
  const held = useQueueValue(() => getDecisionQueue().held());
  const [discarding, setDiscarding] = useState<{ owner: DecisionOwner; count: number } | null>(null);
  if (held.length === 0 && !discarding) return null;
  return (
    <Stack component="section" aria-label="Decisions waiting for another identity" spacing={1} sx={{ px: { xs: 2, md: 4 }, pt: 2, maxWidth: 1400, mx: 'auto' }}>
      {held.map(({ owner, count }) => (
        <Alert
          key={`${owner.tenant}|${owner.identityId}`}
          severity="warning"
          sx={{ overflowWrap: 'anywhere' }}
          action={
            <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => setDiscarding({ owner, count })}>
              Discard…
            </Button>
          }
        >
          {`${decisionsText(count)} by ${owner.name || owner.identityId} ${count === 1 ? 'waits' : 'wait'} for ${owner.name || 'them'} to sign in again. They are kept in this browser and are never sent under anyone else’s name.`}
        </Alert>
      ))}
      <Dialog open={discarding !== null} onClose={() => setDiscarding(null)} aria-labelledby="discard-held-title">
        <DialogTitle id="discard-held-title">{discarding ? `Discard ${decisionsText(discarding.count)} by ${discarding.owner.name}?` : 'Discard decisions?'}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            They were made by {discarding?.owner.name} and never reached the tenant. Once discarded they are gone: {discarding?.owner.name} would have to decide those items again.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDiscarding(null)} autoFocus>Keep them</Button>
          <Button
            color="error"
            onClick={() => {
              if (discarding) getDecisionQueue().discardHeld(discarding.owner);
              setDiscarding(null);
            }}
          >
            Discard
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

/**
 * Asks before the signed-in identity leaves (sign-out, persona switch) while some of its decisions are not
 * yet saved: they would wait in this browser until it signs in again. `guard(action)` runs the action at
 * once when nothing waits.
 */
export function useLeaveIdentityGuard(): { guard: (action: () => void) => void; dialog: ReactNode } {
  const unsent = useQueueValue(() => getDecisionQueue().pendingCount());
  const [action, setAction] = useState<(() => void) | null>(null);
  const guard = useCallback(
    (next: () => void) => {
      if (getDecisionQueue().pendingCount() === 0) next();
      else setAction(() => next);
    },
    [],
  );
  const dialog = (
    <Dialog open={action !== null} onClose={() => setAction(null)} aria-labelledby="leave-identity-title">
      <DialogTitle id="leave-identity-title">{`${decisionsText(unsent)} not yet saved`}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {`${unsent === 1 ? 'It is' : 'They are'} still being sent to the tenant. If you leave now, ${unsent === 1 ? 'it waits' : 'they wait'} in this browser and ${unsent === 1 ? 'is' : 'are'} sent only when you sign in again as yourself — never under anyone else’s name.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setAction(null)} autoFocus>Stay</Button>
        <Button
          color="error"
          onClick={() => {
            const next = action;
            setAction(null);
            next?.();
          }}
        >
          Leave anyway
        </Button>
      </DialogActions>
    </Dialog>
  );
  return { guard, dialog };
}
