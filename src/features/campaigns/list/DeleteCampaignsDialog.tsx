import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isApiError } from '../../../api/errors';
import { CAMPAIGN_BUSY_STATUSES } from '../../../api/rules';
import type { SlimCampaign } from '../../../api/schemas';
import { CAMPAIGN_STATUS_LABELS } from '../../../components/campaignLabels';
import { useNotify } from '../../../components/notifications';
import { useDeleteCampaigns } from '../mutations';

const SHOWN = 10;

/** The words a person types to confirm: the campaign's name, or "delete N campaigns". */
export function confirmationPhrase(campaigns: readonly Pick<SlimCampaign, 'name'>[]): string {
  return campaigns.length === 1 ? campaigns[0]!.name : `delete ${campaigns.length} campaigns`;
}

/** Deletes the selected campaigns after the person types a confirmation; busy campaigns block it, saying why. */
export function DeleteCampaignsDialog({ campaigns, open, onClose, onDeleted }: {
  campaigns: SlimCampaign[];
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const remove = useDeleteCampaigns();
  const notify = useNotify();
  const phrase = confirmationPhrase(campaigns);
  const busy = campaigns.filter((c) => CAMPAIGN_BUSY_STATUSES.includes(c.status ?? ''));
  const matches = typed.trim() === phrase;
  const count = campaigns.length;

  function close() {
    if (remove.isPending) return;
    setTyped('');
    remove.reset();
    onClose();
  }

  async function confirm() {
    const ids = campaigns.flatMap((c) => c.id ?? []);
    try {
      await remove.mutateAsync(ids);
      notify(`${count === 1 ? `“${campaigns[0]!.name}” is` : `${count} campaigns are`} being deleted, with their certifications and reports.`, 'success');
      setTyped('');
      onDeleted();
    } catch {
      // Shown in the dialog; the selection and the typed text stay.
    }
  }

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Delete {count === 1 ? 'this campaign' : `${count} campaigns`}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Deleting a campaign removes its certifications, every decision made in them and its reports. This cannot be undone.
        </DialogContentText>
        <List dense aria-label="Campaigns to delete">
          {campaigns.slice(0, SHOWN).map((c) => (
            <ListItem key={c.id ?? c.name} disableGutters>
              <Typography variant="body2">{c.name} — {CAMPAIGN_STATUS_LABELS[c.status as keyof typeof CAMPAIGN_STATUS_LABELS] ?? c.status ?? 'Unknown'}</Typography>
            </ListItem>
          ))}
          {count > SHOWN ? <ListItem disableGutters><Typography variant="body2">…and {count - SHOWN} more</Typography></ListItem> : null}
        </List>
        {busy.length ? (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {busy.map((c) => c.name).join(', ')} {busy.length === 1 ? 'is' : 'are'} busy ({busy.map((c) => CAMPAIGN_STATUS_LABELS[c.status as keyof typeof CAMPAIGN_STATUS_LABELS] ?? c.status).join(', ')}) and cannot be deleted until that finishes. ISC deletes all or none: deselect {busy.length === 1 ? 'it' : 'them'} to go on.
          </Alert>
        ) : null}
        <TextField
          label={`Type “${phrase}” to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          fullWidth
          autoComplete="off"
          disabled={busy.length > 0 || remove.isPending}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches && !busy.length) void confirm();
          }}
        />
        {remove.isError ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            Nothing was deleted: {remove.error.message} {isApiError(remove.error) ? remove.error.advice : 'Try again.'}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={remove.isPending}>Cancel</Button>
        <Button color="error" variant="contained" onClick={() => void confirm()} disabled={!matches || busy.length > 0 || remove.isPending}>
          {remove.isPending ? 'Deleting…' : count === 1 ? 'Delete campaign' : `Delete ${count} campaigns`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
