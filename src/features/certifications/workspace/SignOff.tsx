import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Tooltip from '@mui/material/Tooltip';
import { signOffIdentityCertification } from '../../../api/certifications';
import type { AccessReviewItem, IdentityCertificationDto } from '../../../api/schemas';
import { certificationQueries } from '../queries';
import { useDecisions } from './decisions/useDecisions';

/** Counts of approvals and revocations, for the sign-off summary. */
function summarise(items: AccessReviewItem[] | undefined) {
  let approved = 0;
  let revoked = 0;
  for (const item of items ?? []) {
    if (item.decision === 'APPROVE') approved++;
    else if (item.decision === 'REVOKE') revoked++;
  }
  return { approved, revoked };
}

/**
 * Sign-off: enabled only when the server counts every item decided and nothing waits to be sent;
 * a confirmation summarises approvals and revocations; afterwards the certification is read-only.
 */
export function SignOffButton(props: { certification: IdentityCertificationDto; items: AccessReviewItem[] | undefined; open: boolean; onOpenChange(open: boolean): void }) {
  const { certification: cert } = props;
  const decisions = useDecisions(cert.id!);
  // Decisions still being saved, or refused, keep sign-off closed: the tenant's count isn't final yet.
  const unsent = decisions.unsentCount + decisions.failedCount;
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const remaining = (cert.decisionsTotal ?? 0) - (cert.decisionsMade ?? 0);
  const ready = cert.phase === 'ACTIVE' && remaining === 0 && unsent === 0;
  const reason = cert.phase !== 'ACTIVE' ? 'Already signed off' : unsent > 0 ? `${unsent} decisions are still being saved` : remaining > 0 ? `${remaining.toLocaleString()} items still need a decision` : '';
  const { approved, revoked } = summarise(props.items);
  const signOff = useMutation({
    mutationFn: () => signOffIdentityCertification(cert.id!),
    onSuccess: async (signed) => {
      queryClient.setQueryData(certificationQueries.detail(cert.id!).queryKey, signed);
      props.onOpenChange(false);
      await queryClient.invalidateQueries({ queryKey: certificationQueries.all() });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  if (cert.phase === 'SIGNED') return null;
  return (
    <>
      <Tooltip title={reason}>
        <span>
          <Button variant="contained" color="success" disabled={!ready} onClick={() => { setError(null); props.onOpenChange(true); }}>
            Sign off
          </Button>
        </span>
      </Tooltip>
      <Dialog open={props.open && ready} onClose={() => !signOff.isPending && props.onOpenChange(false)} aria-labelledby="sign-off-title">
        <DialogTitle id="sign-off-title">Sign off this certification?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {props.items
              ? `You approved ${approved.toLocaleString()} and revoked ${revoked.toLocaleString()} of ${(cert.decisionsTotal ?? 0).toLocaleString()} items.`
              : `All ${(cert.decisionsTotal ?? 0).toLocaleString()} items are decided.`}{' '}
            Signing off finalises every decision and starts remediation of the revoked access. The certification then becomes read-only.
          </DialogContentText>
          {error ? <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onOpenChange(false)} disabled={signOff.isPending}>Cancel</Button>
          <Button variant="contained" color="success" onClick={() => signOff.mutate()} disabled={signOff.isPending} autoFocus>
            {signOff.isPending ? 'Signing off…' : 'Sign off'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
