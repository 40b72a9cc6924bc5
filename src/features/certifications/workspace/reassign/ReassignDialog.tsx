import { REASSIGN_ASYNC_MAX, REASSIGN_SYNC_MAX } from '../../../../api/rules';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { reassignIdentityCertifications, submitReassignCertsAsync } from '../../../../api/certifications';
import type { AccessReviewItem, CertificationTask, ReassignReference, ReviewReassign } from '../../../../api/schemas';
import { ErrorState } from '../../../../components/ErrorState';
import { invalidateCertification, isTaskPending, taskQueries, taskStatusLabel } from './queries';
import { ReviewerPicker, type ReviewerChoice } from './ReviewerPicker';

export const REASON_MAX_LENGTH = 1000;

export interface ReassignIdentityTarget {
  identitySummaryId: string;
  name: string;
  itemCount: number;
}

export type ReassignTargets = { items: AccessReviewItem[] } | { identities: ReassignIdentityTarget[] };

export interface ReassignDialogProps {
  open: boolean;
  certificationId: string;
  /** Left out of the look-up: ISC refuses to reassign to the current reviewer. */
  currentReviewerId: string;
  /** Review items (reassigned as ITEM) or whole identities (IDENTITY_SUMMARY). */
  targets: ReassignTargets;
  onClose(): void;
  /** After the tenant has moved the work; `moved` counts the items or identities sent. */
  onDone(result: { moved: number }): void;
}

const mutationKey = (certificationId: string) => ['reassign', certificationId] as const;

/**
 * Moves review items or whole identities to another reviewer: up to 50 at once, up to 500 as a background
 * task followed here until it ends. The certification and the lists are refetched afterwards, so moved
 * items leave the grid when the tenant says they are gone. A failure keeps everything entered.
 */
export function ReassignDialog(props: ReassignDialogProps) {
  const titleId = useId();
  const submitting = useIsMutating({ mutationKey: mutationKey(props.certificationId) }) > 0;
  return (
    <Dialog open={props.open} onClose={submitting ? undefined : props.onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      {/* Mounted only while open, so every opening starts afresh. */}
      <ReassignForm {...props} titleId={titleId} submitting={submitting} />
    </Dialog>
  );
}

function referencesOf(targets: ReassignTargets): ReassignReference[] {
  return 'items' in targets
    ? targets.items.flatMap((item) => (item.id ? [{ id: item.id, type: 'ITEM' as const }] : []))
    : targets.identities.map((identity) => ({ id: identity.identitySummaryId, type: 'IDENTITY_SUMMARY' as const }));
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** "3 items", or "2 identities (17 items)": the first `count` targets. */
function describeTargets(targets: ReassignTargets, count: number): string {
  if ('items' in targets) return plural(count, 'item', 'items');
  const items = targets.identities.slice(0, count).reduce((sum, identity) => sum + identity.itemCount, 0);
  return `${plural(count, 'identity', 'identities')} (${plural(items, 'item', 'items')})`;
}

type Outcome = { kind: 'done' } | { kind: 'task'; task: CertificationTask };

function ReassignForm(props: ReassignDialogProps & { titleId: string; submitting: boolean }) {
  const { certificationId, onDone } = props;
  const queryClient = useQueryClient();
  const [reviewer, setReviewer] = useState<ReviewerChoice | null>(null);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [job, setJob] = useState<{ taskId: string; moved: number; what: string } | null>(null);
  const reviewerRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);

  const references = referencesOf(props.targets);
  const sending = references.slice(0, REASSIGN_ASYNC_MAX);
  const truncated = references.length > REASSIGN_ASYNC_MAX;
  const what = `${truncated ? 'the first ' : ''}${describeTargets(props.targets, sending.length)}`;

  const mutation = useMutation({
    mutationKey: mutationKey(certificationId),
    mutationFn: async (body: ReviewReassign): Promise<Outcome> => {
      if (body.reassign.length <= REASSIGN_SYNC_MAX) {
        await reassignIdentityCertifications(certificationId, body);
        return { kind: 'done' };
      }
      return { kind: 'task', task: await submitReassignCertsAsync(certificationId, body) };
    },
    onSuccess: (outcome, body) => {
      if (outcome.kind === 'done') {
        void invalidateCertification(queryClient, certificationId);
        onDone({ moved: body.reassign.length });
        return;
      }
      const taskId = outcome.task.id;
      if (!taskId) throw new Error('The tenant accepted the reassignment but answered no task id.');
      queryClient.setQueryData(taskQueries.task(taskId).queryKey, outcome.task);
      // The certification page's pending tasks start following it too.
      void queryClient.invalidateQueries({ queryKey: taskQueries.pending(certificationId).queryKey });
      setJob({ taskId, moved: body.reassign.length, what: describeTargets(props.targets, body.reassign.length) });
    },
  });

  const task = useQuery({ ...taskQueries.task(job?.taskId ?? ''), enabled: job !== null });
  const status = task.data?.status;
  const running = job !== null && isTaskPending(task.data);

  // When the task ends: refetch what moved, and hand back on success (once per task).
  const settledTask = useRef<string | null>(null);
  useEffect(() => {
    if (!job || (status !== 'SUCCESS' && status !== 'ERROR') || settledTask.current === job.taskId) return;
    settledTask.current = job.taskId;
    void invalidateCertification(queryClient, certificationId);
    if (status === 'SUCCESS') onDone({ moved: job.moved });
  }, [job, status, queryClient, certificationId, onDone]);

  const reviewerError = attempted && !reviewer ? 'Choose the new reviewer: search by name or email, or paste an identity id.' : null;
  const reasonError = attempted && !reason.trim() ? 'Enter a reason. The new reviewer sees it with the work.' : null;
  const locked = props.submitting || running;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (locked) return;
    setAttempted(true);
    if (!reviewer) return reviewerRef.current?.focus();
    if (!reason.trim()) return reasonRef.current?.focus();
    mutation.mutate({ reassign: sending, reassignTo: reviewer.id, reason: reason.trim() });
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={submit}
      onKeyDown={(event: KeyboardEvent<HTMLFormElement>) => {
        // Ctrl/Cmd+Enter sends from anywhere, the multiline reason included.
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }
      }}
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <DialogTitle id={props.titleId}>Reassign to another reviewer</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {what.charAt(0).toUpperCase() + what.slice(1)} will move to the new reviewer’s certification in this campaign, and leave yours.
          </DialogContentText>
          {truncated ? (
            <Alert severity="warning">
              You selected {describeTargets(props.targets, references.length)}, but ISC reassigns at most{' '}
              {REASSIGN_ASYNC_MAX.toLocaleString()} at once. Reassign moves the first {REASSIGN_ASYNC_MAX.toLocaleString()}; reassign the rest
              afterwards.
            </Alert>
          ) : null}
          <ReviewerPicker
            value={reviewer}
            onChange={setReviewer}
            currentReviewerId={props.currentReviewerId}
            error={reviewerError}
            disabled={locked}
            inputRef={reviewerRef}
          />
          <TextField
            label="Reason"
            required
            multiline
            minRows={3}
            maxRows={8}
            fullWidth
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            disabled={locked}
            error={Boolean(reasonError)}
            inputRef={reasonRef}
            helperText={
              <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
                <span>{reasonError ?? 'Why they should review this. The new reviewer sees it.'}</span>
                <span>{`${reason.length.toLocaleString()} / ${REASON_MAX_LENGTH.toLocaleString()}`}</span>
              </Box>
            }
            slotProps={{ htmlInput: { maxLength: REASON_MAX_LENGTH } }}
          />
          {mutation.isError ? <ErrorState title="The reassignment was not accepted" error={mutation.error} /> : null}
          {job ? <TaskProgress task={task.data} what={job.what} /> : null}
          {job && task.isError ? (
            <ErrorState title="Couldn't check the reassignment's progress" error={task.error} onRetry={() => void task.refetch()} />
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={props.submitting}>{running ? 'Close' : 'Cancel'}</Button>
        <Button type="submit" variant="contained" disabled={locked}>
          {props.submitting || running ? 'Reassigning…' : `Reassign ${what}`}
        </Button>
      </DialogActions>
    </Box>
  );
}

/** The background task's status in words, with a progress bar; its errors when it failed. */
function TaskProgress({ task, what }: { task: CertificationTask | undefined; what: string }) {
  const label = taskStatusLabel(task?.status);
  if (task?.status === 'ERROR') {
    const errors = (task.errors ?? []).map((e) => e.text).filter(Boolean);
    return (
      <Alert severity="error">
        <AlertTitle>Failed</AlertTitle>
        {errors.length ? errors.map((text, i) => <Typography key={i} variant="body2">{text}</Typography>) : <Typography variant="body2">The tenant gave no reason.</Typography>}
        <Typography variant="body2">What was not moved is still in this certification. Check the reviewer, then reassign again.</Typography>
      </Alert>
    );
  }
  return (
    <Box role="status">
      <Typography variant="body2" sx={{ mb: 1 }}>
        Reassigning in the background: {label}
        {task?.status === 'SUCCESS' ? '' : '…'}
      </Typography>
      <LinearProgress
        aria-label={`Reassignment progress: ${label}`}
        variant={task?.status === 'SUCCESS' ? 'determinate' : 'indeterminate'}
        value={100}
      />
      {task?.status !== 'SUCCESS' ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {what} sent. You can close this dialog: the work continues and the certification shows its progress.
        </Typography>
      ) : null}
    </Box>
  );
}
