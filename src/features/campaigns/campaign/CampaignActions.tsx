import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { Link as RouterLink, useNavigate } from 'react-router';
import { isApiError } from '../../../api/errors';
import type { Campaign } from '../../../api/schemas';
import { formatDateTime } from '../../../components/format';
import { useNotify } from '../../../components/notifications';
import { useActivateCampaign, useCompleteCampaign, useDeleteCampaigns, useRemediationScan } from '../mutations';
import { EditCampaignDialog } from './EditCampaignDialog';
import { campaignPageQueries } from './queries';
import { activationCheck, browserUtcOffset, completionCheck, explainActivationError } from './rules';

type Dialogs = 'edit' | 'activate' | 'complete' | 'delete' | null;

/** Statuses in which ISC is busy with the campaign and refuses a delete. */
const BUSY = ['ACTIVATING', 'COMPLETING', 'CANCELING'];

/** The campaign's actions, each checked before it is sent. */
export function CampaignActions({ campaign }: { campaign: Campaign & { id: string } }) {
  const [open, setOpen] = useState<Dialogs>(null);
  const notify = useNotify();
  const scan = useRemediationScan(campaign.id);
  const status = campaign.status ?? '';
  const close = () => setOpen(null);

  return (
    <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
      {status === 'STAGED' ? (
        <Button component={RouterLink} to={`/campaigns/${encodeURIComponent(campaign.id)}/preflight`} variant="outlined">Preflight</Button>
      ) : null}
      <Button variant="outlined" onClick={() => setOpen('edit')}>Edit</Button>
      {status === 'STAGED' || status === 'PENDING' ? <Button variant="contained" onClick={() => setOpen('activate')}>Activate</Button> : null}
      {status === 'ACTIVE' ? <Button variant="contained" onClick={() => setOpen('complete')}>Complete</Button> : null}
      {status === 'ACTIVE' || status === 'COMPLETED' ? (
        <Button
          variant="outlined"
          loading={scan.isPending}
          onClick={() =>
            scan.mutate(undefined, {
              onSuccess: () => notify('Remediation scan started. It shows as an alert on the campaign.', 'success'),
              onError: (error) => notify(`The remediation scan did not start: ${error.message}`, 'error'),
            })
          }
        >
          Remediation scan
        </Button>
      ) : null}
      <Button variant="outlined" color="error" onClick={() => setOpen('delete')}>Delete</Button>

      {open === 'edit' ? <EditCampaignDialog campaign={campaign} open onClose={close} /> : null}
      {open === 'activate' ? <ActivateDialog campaign={campaign} onClose={close} /> : null}
      {open === 'complete' ? <CompleteDialog campaign={campaign} onClose={close} /> : null}
      {open === 'delete' ? <DeleteDialog campaign={campaign} busy={BUSY.includes(status)} onClose={close} /> : null}
    </Stack>
  );
}

function ActivateDialog({ campaign, onClose }: { campaign: Campaign & { id: string }; onClose: () => void }) {
  const activate = useActivateCampaign(campaign.id);
  const notify = useNotify();
  const offset = browserUtcOffset();
  const check = activationCheck(campaign);
  const run = () =>
    activate.mutate(offset, {
      onSuccess: () => {
        notify('Activation started. Reviewers get their certifications once the campaign is active.', 'success');
        onClose();
      },
    });
  const error = activate.error;
  return (
    <Dialog open onClose={activate.isPending ? undefined : onClose} aria-labelledby="activate-title" fullWidth maxWidth="sm">
      <DialogTitle id="activate-title">Activate campaign</DialogTitle>
      <DialogContent>
        {check.ok ? (
          <DialogContentText>
            Reviewers will get their certifications, due {formatDateTime(campaign.deadline)}. The time zone sent is your browser’s current offset ({offset}).
            {campaign.emailNotificationEnabled ? ' Each reviewer is emailed.' : ' Email notifications are off: reviewers are not told.'}
          </DialogContentText>
        ) : (
          <Alert severity="warning">{check.reason} Nothing was sent.</Alert>
        )}
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {isApiError(error) && error.status === 400 ? explainActivationError(offset) : 'The campaign was not activated.'} ({error.message})
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={activate.isPending}>Cancel</Button>
        <Button variant="contained" onClick={run} disabled={!check.ok || activate.isPending} loading={activate.isPending}>Activate</Button>
      </DialogActions>
    </Dialog>
  );
}

function CompleteDialog({ campaign, onClose }: { campaign: Campaign & { id: string }; onClose: () => void }) {
  const [action, setAction] = useState<'APPROVE' | 'REVOKE'>('APPROVE');
  const complete = useCompleteCampaign(campaign.id);
  const notify = useNotify();
  const check = completionCheck(campaign);
  const certs = useQuery({ ...campaignPageQueries.allCertifications(campaign.id), enabled: check.ok });
  const unsigned = (certs.data ?? []).filter((c) => c.phase !== 'SIGNED');
  const undecided = unsigned.reduce((n, c) => n + Math.max(0, (c.decisionsTotal ?? 0) - (c.decisionsMade ?? 0)), 0);
  const verb = action === 'APPROVE' ? 'approved' : 'revoked';
  return (
    <Dialog open onClose={complete.isPending ? undefined : onClose} aria-labelledby="complete-title" fullWidth maxWidth="sm">
      <DialogTitle id="complete-title">Complete campaign</DialogTitle>
      <DialogContent>
        {!check.ok ? (
          <Alert severity="warning">{check.reason} Nothing was sent.</Alert>
        ) : (
          <Stack sx={{ gap: 2 }}>
            <DialogContentText>
              Completing ends the campaign: every certification not yet signed is signed for its reviewer, and every undecided item gets the action below.
            </DialogContentText>
            <FormControl>
              <FormLabel id="auto-complete-label">Undecided items</FormLabel>
              <RadioGroup aria-labelledby="auto-complete-label" value={action} onChange={(e) => setAction(e.target.value as 'APPROVE' | 'REVOKE')}>
                <FormControlLabel value="APPROVE" control={<Radio />} label="Approve (keep the access)" />
                <FormControlLabel value="REVOKE" control={<Radio />} label="Revoke (remove the access)" />
              </RadioGroup>
            </FormControl>
            {certs.isPending ? (
              <DialogContentText>Counting undecided items…</DialogContentText>
            ) : certs.isError ? (
              <Alert severity="error">The undecided items could not be counted: {certs.error.message}</Alert>
            ) : (
              <Alert severity={action === 'REVOKE' && undecided > 0 ? 'warning' : 'info'} role="status">
                {undecided.toLocaleString()} undecided item{undecided === 1 ? '' : 's'} in {unsigned.length.toLocaleString()} unsigned certification{unsigned.length === 1 ? '' : 's'} will be {verb}.
              </Alert>
            )}
          </Stack>
        )}
        {complete.isError ? <Alert severity="error" sx={{ mt: 2 }}>The campaign was not completed: {complete.error.message}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={complete.isPending}>Cancel</Button>
        <Button
          variant="contained"
          color={action === 'REVOKE' ? 'error' : 'primary'}
          disabled={!check.ok || !certs.isSuccess || complete.isPending}
          loading={complete.isPending}
          onClick={() =>
            complete.mutate(action, {
              onSuccess: () => {
                notify(`Completing the campaign: ${undecided.toLocaleString()} undecided items ${verb}.`, 'success');
                onClose();
              },
            })
          }
        >
          {action === 'APPROVE' ? 'Complete and approve' : 'Complete and revoke'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DeleteDialog({ campaign, busy, onClose }: { campaign: Campaign & { id: string }; busy: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const remove = useDeleteCampaigns();
  const navigate = useNavigate();
  const notify = useNotify();
  const matches = typed.trim() === campaign.name.trim();
  return (
    <Dialog open onClose={remove.isPending ? undefined : onClose} aria-labelledby="delete-title" fullWidth maxWidth="sm">
      <DialogTitle id="delete-title">Delete campaign</DialogTitle>
      <DialogContent>
        {busy ? (
          <Alert severity="warning">The campaign is {campaign.status}; ISC refuses to delete it until that finishes. Nothing was sent.</Alert>
        ) : (
          <Stack sx={{ gap: 2 }}>
            <DialogContentText>
              This deletes the campaign, its {campaign.totalCertifications ?? 0} certifications with every decision made in them, and its reports. It cannot be undone.
            </DialogContentText>
            <TextField
              label="Type the campaign’s name to confirm"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              helperText={`Type: ${campaign.name}`}
              autoFocus
            />
          </Stack>
        )}
        {remove.isError ? <Alert severity="error" sx={{ mt: 2 }}>The campaign was not deleted: {remove.error.message}</Alert> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={remove.isPending}>Cancel</Button>
        <Button
          color="error"
          variant="contained"
          disabled={busy || !matches || remove.isPending}
          loading={remove.isPending}
          onClick={() =>
            remove.mutate([campaign.id], {
              onSuccess: () => {
                notify(`Deleting “${campaign.name}”. It disappears from the list once ISC has finished.`, 'success');
                void navigate('/campaigns');
              },
            })
          }
        >
          Delete campaign
        </Button>
      </DialogActions>
    </Dialog>
  );
}
