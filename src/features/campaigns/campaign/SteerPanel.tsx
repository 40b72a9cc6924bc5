import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { toCsv } from '../../../api/csv';
import { ADMIN_REASSIGN_MAX } from '../../../api/rules';
import type { Campaign } from '../../../api/schemas';
import { searchIdentities } from '../../../api/search';
import { formatDateTime, percent } from '../../../components/format';
import { useNotify } from '../../../components/notifications';
import { useMoveCertifications, useUpdateCampaign, type MoveProgress } from '../mutations';
import { fromLocalInput, toLocalInput } from './EditCampaignDialog';
import { IdentityPicker, type IdentityChoice } from '../../../components/IdentityPicker';

interface PickedIdentity {
  id: string;
  name: string;
}
import { Progress, fileSafe, saveFile } from './parts';
import { campaignPageQueries } from './queries';
import { DEFAULT_THRESHOLDS, campaignPatch, daysUntil, editableValues, reviewerLoads, stalledReviewers, type ReviewerLoad, type StallThresholds } from './rules';

const ESCALATION_REASON = 'Escalated to the reviewer’s manager: the review has stalled with the deadline near.';

/** The reminder a reviewer gets, with their own numbers. */
export function reminderText(campaign: Campaign, load: ReviewerLoad, now = Date.now()): { subject: string; body: string } {
  const days = daysUntil(campaign.deadline, now);
  const when = days === null ? 'soon' : days < 0 ? `${-days} day${days === -1 ? '' : 's'} ago` : days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`;
  const pending = load.decisionsTotal - load.decisionsMade;
  return {
    subject: `Reminder: ${campaign.name} is due ${when}`,
    body: [
      `Hello ${load.name},`,
      '',
      `Your access review in “${campaign.name}” is due ${formatDateTime(campaign.deadline)} (${when}).`,
      `You have made ${load.decisionsMade} of ${load.decisionsTotal} decisions (${percent(load.decisionsMade, load.decisionsTotal)}%); ${pending} are still open, and ${load.pendingIds.length} of your ${load.certifications.length} certifications are not signed off yet.`,
      '',
      'Please finish and sign off before the deadline.',
    ].join('\n'),
  };
}

function mailto(email: string, text: { subject: string; body: string }): string {
  return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(text.subject)}&body=${encodeURIComponent(text.body)}`;
}

type MoveTarget = { load: ReviewerLoad; mode: 'escalate' | 'reassign' };

/** Steering an active campaign: stalled reviewers, escalation, reassignment, reminders, deadline extension. */
export function SteerPanel({ campaign }: { campaign: Campaign & { id: string } }) {
  const certs = useQuery(campaignPageQueries.allCertifications(campaign.id));
  const [thresholds, setThresholds] = useState<StallThresholds>(DEFAULT_THRESHOLDS);
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const [now] = useState(() => Date.now());

  if (campaign.status !== 'ACTIVE') {
    return <Alert severity="info">Steering is for active campaigns; this one is {campaign.status}. Reviewers can be escalated and reminded once it is active.</Alert>;
  }
  if (certs.isPending) return <LinearProgress aria-label="Loading the reviewers" />;
  if (certs.isError) return <Alert severity="error">The reviewers could not be loaded: {certs.error.message}</Alert>;

  const loads = reviewerLoads(certs.data);
  const stalled = stalledReviewers(loads, campaign.deadline, thresholds, now);
  const days = daysUntil(campaign.deadline, now);

  const downloadCsv = () => {
    const rows = stalled.map((l) => {
      const text = reminderText(campaign, l, now);
      return [l.name, l.email, l.certifications.length, l.signed, l.decisionsMade, l.decisionsTotal, percent(l.decisionsMade, l.decisionsTotal), campaign.deadline, text.subject, text.body];
    });
    const csv = toCsv(['Reviewer', 'Email', 'Certifications', 'Signed', 'Decisions made', 'Decisions total', 'Percent decided', 'Deadline', 'Subject', 'Body'], rows);
    saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${fileSafe(campaign.name)} reminders.csv`);
  };

  return (
    <Stack sx={{ gap: 3 }}>
      <Paper variant="outlined" component="section" aria-labelledby="stall-title" sx={{ p: 2 }}>
        <Typography id="stall-title" variant="h6" component="h2">Stalled reviewers</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          A reviewer is stalled with less than {thresholds.maxProgressPercent}% of their decisions made while the deadline is {thresholds.withinDays} days away or less. The deadline is{' '}
          {days === null ? 'not set' : days < 0 ? `${-days} days past` : `in ${days} days`}.
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, mb: 2 }}>
          <TextField
            label="Stalled below (% decided)"
            type="number"
            size="small"
            sx={{ minWidth: 230 }}
            value={thresholds.maxProgressPercent}
            onChange={(e) => setThresholds({ ...thresholds, maxProgressPercent: clamp(Number(e.target.value), 0, 100) })}
            slotProps={{ htmlInput: { min: 0, max: 100 } }}
          />
          <TextField
            label="Deadline within (days)"
            type="number"
            size="small"
            sx={{ minWidth: 230 }}
            value={thresholds.withinDays}
            onChange={(e) => setThresholds({ ...thresholds, withinDays: clamp(Number(e.target.value), 0, 365) })}
            slotProps={{ htmlInput: { min: 0, max: 365 } }}
          />
        </Stack>
        <Typography variant="body2" role="status" sx={{ mb: 1 }}>
          {stalled.length === 0
            ? days !== null && days > thresholds.withinDays
              ? `No reviewer is stalled: the deadline is more than ${thresholds.withinDays} days away.`
              : 'No reviewer is stalled.'
            : `${stalled.length} of ${loads.length} reviewers stalled.`}
        </Typography>
        {stalled.length ? (
          <>
            <TableContainer>
              <Table size="small" aria-label="Stalled reviewers">
                <TableHead>
                  <TableRow>
                    <TableCell>Reviewer</TableCell>
                    <TableCell>Decisions</TableCell>
                    <TableCell>Certifications</TableCell>
                    <TableCell>Actions</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {stalled.map((load) => (
                    <TableRow key={load.id}>
                      <TableCell>
                        <Typography variant="body2">{load.name}</Typography>
                        <Typography variant="caption" color="text.secondary">{load.email ?? 'No email address'}</Typography>
                      </TableCell>
                      <TableCell sx={{ minWidth: 160 }}><Progress made={load.decisionsMade} total={load.decisionsTotal} label="decisions" /></TableCell>
                      <TableCell>
                        <Stack sx={{ gap: 0.5 }}>
                          {load.certifications.map((c) =>
                            c.id ? (
                              <Link key={c.id} component={RouterLink} to={`/certifications/${encodeURIComponent(c.id)}`} variant="body2">
                                {c.name ?? c.id}
                                {c.phase === 'SIGNED' ? ' (signed)' : ''}
                              </Link>
                            ) : null,
                          )}
                        </Stack>
                      </TableCell>
                      <TableCell>
                        <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
                          <Button size="small" variant="contained" onClick={() => setTarget({ load, mode: 'escalate' })} disabled={load.governanceGroup} aria-label={`Escalate ${load.name} to their manager`}>
                            Escalate
                          </Button>
                          <Button size="small" variant="outlined" onClick={() => setTarget({ load, mode: 'reassign' })} disabled={load.governanceGroup} aria-label={`Reassign ${load.name}’s certifications`}>
                            Reassign
                          </Button>
                          {load.email ? (
                            <Button size="small" href={mailto(load.email, reminderText(campaign, load, now))} aria-label={`Email a reminder to ${load.name}`}>
                              Email
                            </Button>
                          ) : null}
                        </Stack>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Stack direction="row" sx={{ gap: 1, mt: 2, flexWrap: 'wrap' }}>
              <Button variant="outlined" onClick={downloadCsv}>Download reminders (CSV)</Button>
              <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }}>
                ISC sends no reminders through the API: the CSV is a mail merge, one row per stalled reviewer with their own numbers.
              </Typography>
            </Stack>
          </>
        ) : null}
      </Paper>
      <DeadlineExtension campaign={campaign} />
      {target ? <MoveDialog campaign={campaign} target={target} onClose={() => setTarget(null)} /> : null}
    </Stack>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

function DeadlineExtension({ campaign }: { campaign: Campaign & { id: string } }) {
  const [text, setText] = useState(() => toLocalInput(campaign.deadline));
  const update = useUpdateCampaign(campaign.id);
  const notify = useNotify();
  const [openedAt] = useState(() => Date.now());
  const deadline = fromLocalInput(text);
  const problem = !deadline ? 'Enter a date and time.' : Date.parse(deadline) <= openedAt ? 'The new deadline must be in the future.' : null;
  const patch = deadline ? campaignPatch(campaign, { ...editableValues(campaign), deadline }) : [];
  return (
    <Paper variant="outlined" component="section" aria-labelledby="deadline-title" sx={{ p: 2 }}>
      <Typography id="deadline-title" variant="h6" component="h2">Deadline</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Now {formatDateTime(campaign.deadline)}. A new deadline applies to every certification not yet signed.
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ gap: 2, alignItems: { sm: 'flex-start' } }}>
        <TextField
          label="New deadline"
          type="datetime-local"
          size="small"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={Boolean(problem) && text !== toLocalInput(campaign.deadline)}
          helperText={problem ?? 'In your time zone.'}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button
          variant="contained"
          disabled={Boolean(problem) || patch.length === 0 || update.isPending}
          loading={update.isPending}
          onClick={() =>
            update.mutate(patch, {
              onSuccess: () => notify(`Deadline changed to ${formatDateTime(deadline)}.`, 'success'),
              onError: (error) => notify(`The deadline was not changed: ${error.message}`, 'error'),
            })
          }
        >
          Change deadline
        </Button>
      </Stack>
    </Paper>
  );
}

function MoveDialog({ campaign, target, onClose }: { campaign: Campaign & { id: string }; target: MoveTarget; onClose: () => void }) {
  const { load, mode } = target;
  const queryClient = useQueryClient();
  const moveMutation = useMoveCertifications(campaign.id);
  const notify = useNotify();
  const [picked, setPicked] = useState<IdentityChoice | null>(null);
  const [reason, setReason] = useState(mode === 'escalate' ? ESCALATION_REASON : '');
  const [progress, setProgress] = useState<MoveProgress | null>(null);
  const manager = useQuery({
    queryKey: ['identities', 'manager-of', load.id] as const,
    queryFn: async ({ signal }) => (await searchIdentities(load.id, { limit: 5, signal })).find((d) => d.id === load.id)?.manager ?? null,
    enabled: mode === 'escalate',
    staleTime: 60_000,
  });
  const to: PickedIdentity | null = mode === 'escalate' ? (manager.data ? { id: manager.data.id, name: manager.data.displayName || manager.data.name || manager.data.id } : null) : picked ? { id: picked.id, name: picked.kind === 'identity' ? picked.name : `Identity id ${picked.id}` } : null;
  const count = load.pendingIds.length;
  const calls = Math.ceil(count / ADMIN_REASSIGN_MAX);
  const blocked = !to || !reason.trim() || count === 0 || to.id === load.id;

  const run = () =>
    moveMutation.mutate(
      { certificationIds: load.pendingIds, reassignTo: to!.id, reason: reason.trim(), onProgress: setProgress },
      {
        onSuccess: () => {
          notify(`${count} certification${count === 1 ? '' : 's'} of ${load.name} moved to ${to!.name}.`, 'success');
          void queryClient.invalidateQueries({ queryKey: campaignPageQueries.detail(campaign.id) });
          onClose();
        },
      },
    );

  return (
    <Dialog open onClose={moveMutation.isPending ? undefined : onClose} aria-labelledby="move-title" fullWidth maxWidth="sm">
      <DialogTitle id="move-title">{mode === 'escalate' ? `Escalate ${load.name} to their manager` : `Reassign ${load.name}’s certifications`}</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2, pt: 1 }}>
          <DialogContentText>
            {count} certification{count === 1 ? '' : 's'} not yet signed ({(load.decisionsTotal - load.decisionsMade).toLocaleString()} open decisions) move{count === 1 ? 's' : ''} with the decisions already made
            {calls > 1 ? `, in ${calls} calls of at most ${ADMIN_REASSIGN_MAX}` : ''}. ISC moves them in the background; Attest follows the task to its end.
          </DialogContentText>
          {mode === 'escalate' ? (
            manager.isPending ? (
              <Typography variant="body2">Looking up {load.name}’s manager…</Typography>
            ) : manager.isError ? (
              <Alert severity="error">The manager could not be looked up: {manager.error.message}. Use Reassign to choose someone instead.</Alert>
            ) : manager.data ? (
              <Typography variant="body2">New reviewer: <strong>{to?.name}</strong> ({load.name}’s manager)</Typography>
            ) : (
              <Alert severity="warning">{load.name} has no manager in the tenant, so there is no one to escalate to. Use Reassign to choose someone instead.</Alert>
            )
          ) : (
            <IdentityPicker label="New reviewer" value={picked} onChange={setPicked} excludeId={load.id} />
          )}
          <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} helperText="ISC requires a reason; the new reviewer sees it." />
          {progress && moveMutation.isPending ? (
            <Box>
              <Typography variant="body2" id="move-progress-label">
                Moving: {progress.certificationsMoved} of {progress.certificationsTotal} certifications done ({progress.finished} of {progress.calls} tasks)
              </Typography>
              <LinearProgress aria-labelledby="move-progress-label" variant={progress.finished ? 'determinate' : 'indeterminate'} value={percent(progress.finished, progress.calls)} />
            </Box>
          ) : null}
          {moveMutation.isError ? <Alert severity="error">{moveMutation.error.message}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={moveMutation.isPending}>Cancel</Button>
        <Button variant="contained" onClick={run} disabled={blocked || moveMutation.isPending} loading={moveMutation.isPending}>
          {mode === 'escalate' ? 'Escalate' : 'Reassign'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
