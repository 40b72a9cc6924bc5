import { useState } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { signOffIdentityCertification } from '../../../api/certifications';
import { getIdentityDecisionSummary, summaryTotals, type IdentityCertDecisionSummary } from '../../../api/reports';
import type { IdentityCertificationDto } from '../../../api/schemas';
import { certificationQueries } from '../queries';
import { useDecisions } from './decisions/useDecisions';

/** The certification's decision counts by access type, in one call; under the certification's key, so it refreshes with it. */
export const decisionSummaryQuery = (certificationId: string) =>
  queryOptions({
    queryKey: [...certificationQueries.detail(certificationId).queryKey, 'decision-summary'] as const,
    queryFn: ({ signal }) => getIdentityDecisionSummary(certificationId, {}, { signal }),
    // Read afresh each time the sign-off opens: decisions change it.
    staleTime: 0,
  });

const BY_TYPE: { label: string; approved: keyof IdentityCertDecisionSummary; revoked: keyof IdentityCertDecisionSummary; total: keyof IdentityCertDecisionSummary }[] = [
  { label: 'Entitlements', approved: 'entitlementsApproved', revoked: 'entitlementsRevoked', total: 'entitlementDecisionsTotal' },
  { label: 'Access profiles', approved: 'accessProfilesApproved', revoked: 'accessProfilesRevoked', total: 'accessProfileDecisionsTotal' },
  { label: 'Roles', approved: 'rolesApproved', revoked: 'rolesRevoked', total: 'roleDecisionsTotal' },
  { label: 'Accounts', approved: 'accountsApproved', revoked: 'accountsRevoked', total: 'accountDecisionsTotal' },
];

function SummaryTable({ summary }: { summary: IdentityCertDecisionSummary }) {
  const rows = BY_TYPE.filter((t) => (summary[t.total] ?? 0) > 0);
  if (rows.length === 0) return null;
  return (
    <Table size="small" aria-label="Decisions by access type" sx={{ mt: 2 }}>
      <TableHead>
        <TableRow>
          <TableCell scope="col">Access type</TableCell>
          <TableCell scope="col" align="right">Approved</TableCell>
          <TableCell scope="col" align="right">Revoked</TableCell>
          <TableCell scope="col" align="right">Items</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((t) => (
          <TableRow key={t.label}>
            <TableCell component="th" scope="row">{t.label}</TableCell>
            <TableCell align="right">{(summary[t.approved] ?? 0).toLocaleString()}</TableCell>
            <TableCell align="right">{(summary[t.revoked] ?? 0).toLocaleString()}</TableCell>
            <TableCell align="right">{(summary[t.total] ?? 0).toLocaleString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Sign-off: enabled only when the server counts every item decided and nothing waits to be sent. The
 * confirmation summarises approvals and revocations from the tenant's decision summary (one call), read
 * only once every decision of this browser is saved; afterwards the certification is read-only.
 */
export function SignOffButton(props: { certification: IdentityCertificationDto; open: boolean; onOpenChange(open: boolean): void }) {
  const { certification: cert } = props;
  const decisions = useDecisions(cert.id!);
  // Decisions still being saved, or refused, keep sign-off closed: the tenant's count isn't final yet.
  const unsent = decisions.unsentCount + decisions.failedCount;
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const remaining = (cert.decisionsTotal ?? 0) - (cert.decisionsMade ?? 0);
  const ready = cert.phase === 'ACTIVE' && remaining === 0 && unsent === 0;
  const reason =
    cert.phase !== 'ACTIVE'
      ? 'Already signed off'
      : unsent > 0
        ? `${unsent.toLocaleString()} ${unsent === 1 ? 'decision is' : 'decisions are'} still being saved`
        : remaining > 0
          ? `${remaining.toLocaleString()} ${remaining === 1 ? 'item still needs' : 'items still need'} a decision`
          : '';
  // Only once nothing waits in this browser: the tenant's summary then counts every decision made here.
  const summary = useQuery({ ...decisionSummaryQuery(cert.id!), enabled: props.open && ready });
  const totals = summary.data ? summaryTotals(summary.data) : null;
  const incomplete = totals !== null && totals.made < totals.total;
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
      <Dialog open={props.open && ready} onClose={() => !signOff.isPending && props.onOpenChange(false)} aria-labelledby="sign-off-title" aria-describedby="sign-off-summary">
        <DialogTitle id="sign-off-title">Sign off this certification?</DialogTitle>
        <DialogContent>
          {summary.isPending ? <LinearProgress aria-label="Counting decisions" sx={{ mb: 2 }} /> : null}
          <DialogContentText id="sign-off-summary">
            {totals
              ? `You approved ${totals.approved.toLocaleString()} and revoked ${totals.revoked.toLocaleString()} of ${totals.total.toLocaleString()} items.`
              : summary.isError
                ? `All ${(cert.decisionsTotal ?? 0).toLocaleString()} items are decided.`
                : 'Counting your decisions…'}{' '}
            Signing off finalises every decision and starts remediation of the revoked access. The certification then becomes read-only.
          </DialogContentText>
          {summary.data ? <SummaryTable summary={summary.data} /> : null}
          {summary.isError ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {`The decision summary could not be read (${summary.error.message}), so approvals and revocations are not counted here. You can still sign off.`}
            </Alert>
          ) : null}
          {incomplete ? (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {`The tenant's summary counts ${totals.made.toLocaleString()} of ${totals.total.toLocaleString()} items decided: it is still catching up with your last decisions. Wait a moment and open Sign off again.`}
            </Alert>
          ) : null}
          {error ? <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => props.onOpenChange(false)} disabled={signOff.isPending} autoFocus>Cancel</Button>
          <Button variant="contained" color="success" onClick={() => signOff.mutate()} disabled={signOff.isPending || summary.isPending || incomplete}>
            {signOff.isPending ? 'Signing off…' : 'Sign off'}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
