import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SlimCampaign } from '../../../api/schemas';
import { useUpdateCampaign } from '../mutations';
import { campaignPatch, editableFields, editableValues, readOnlyReason, type CampaignEdits, type EditableField } from './rules';

/** An ISO instant as a `datetime-local` value in the browser's zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** A `datetime-local` value (browser zone) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const SWITCHES: { field: Extract<EditableField, 'recommendationsEnabled' | 'emailNotificationEnabled' | 'autoRevokeAllowed'>; label: string }[] = [
  { field: 'emailNotificationEnabled', label: 'Email notifications to reviewers' },
  { field: 'autoRevokeAllowed', label: 'Allow automatic revocation' },
  { field: 'recommendationsEnabled', label: 'Show recommendations' },
];

/**
 * Edits the fields the campaign's status allows and sends exactly what changed as a JSON Patch; the other
 * fields show, read-only, why they cannot change.
 */
export function EditCampaignDialog({ campaign, open, onClose }: { campaign: SlimCampaign & { id: string }; open: boolean; onClose: () => void }) {
  const [edits, setEdits] = useState<CampaignEdits>(() => editableValues(campaign));
  const [deadlineText, setDeadlineText] = useState(() => toLocalInput(campaign.deadline));
  const update = useUpdateCampaign(campaign.id);
  const [openedAt] = useState(() => Date.now());
  const allowed = editableFields(campaign.status);
  const reason = (field: EditableField) => readOnlyReason(campaign.status, field);

  const problems: string[] = [];
  if (allowed.includes('name') && !edits.name.trim()) problems.push('The name must not be empty.');
  if (allowed.includes('deadline')) {
    if (deadlineText && !edits.deadline) problems.push('The deadline is not a valid date and time.');
    if (campaign.status === 'ACTIVE' && (!edits.deadline || Date.parse(edits.deadline) <= openedAt)) {
      problems.push('An active campaign’s deadline must be in the future.');
    }
  }
  const patch = useMemo(() => campaignPatch(campaign, { ...edits, name: edits.name.trim() }), [campaign, edits]);

  const save = async () => {
    try {
      await update.mutateAsync(patch);
      onClose();
    } catch {
      // Shown below; the dialog keeps what was typed.
    }
  };

  return (
    <Dialog open={open} onClose={update.isPending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="edit-campaign-title">
      <DialogTitle id="edit-campaign-title">Edit campaign</DialogTitle>
      <DialogContent>
        <Stack sx={{ gap: 2, pt: 1 }}>
          {allowed.length === 0 ? <Alert severity="info">{reason('deadline')}</Alert> : null}
          {campaign.status === 'ACTIVE' ? <Alert severity="info">An active campaign can change only its deadline; the other settings are fixed once it is activated.</Alert> : null}
          <TextField
            label="Name"
            value={edits.name}
            onChange={(e) => setEdits({ ...edits, name: e.target.value })}
            disabled={!allowed.includes('name')}
            helperText={reason('name') ?? ' '}
            required
          />
          <TextField
            label="Description"
            value={edits.description ?? ''}
            onChange={(e) => setEdits({ ...edits, description: e.target.value })}
            disabled={!allowed.includes('description')}
            helperText={reason('description') ?? ' '}
            multiline
            minRows={2}
          />
          <TextField
            label="Deadline"
            type="datetime-local"
            value={deadlineText}
            onChange={(e) => {
              setDeadlineText(e.target.value);
              setEdits({ ...edits, deadline: fromLocalInput(e.target.value) });
            }}
            disabled={!allowed.includes('deadline')}
            helperText={reason('deadline') ?? 'In your time zone. To activate, it must be tomorrow or later.'}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {SWITCHES.map(({ field, label }) => (
            <div key={field}>
              <FormControlLabel
                control={<Switch checked={Boolean(edits[field])} onChange={(e) => setEdits({ ...edits, [field]: e.target.checked })} />}
                label={label}
                disabled={!allowed.includes(field)}
              />
              {reason(field) ? <FormHelperText sx={{ mt: -0.5 }}>{reason(field)}</FormHelperText> : null}
            </div>
          ))}
          {problems.map((p) => <Alert key={p} severity="warning">{p}</Alert>)}
          <Typography variant="body2" color="text.secondary" aria-live="polite">
            {patch.length === 0 ? 'Nothing changed yet.' : `Will send ${patch.length} change${patch.length === 1 ? '' : 's'}: ${patch.map((o) => o.path.slice(1)).join(', ')}.`}
          </Typography>
          {update.isError ? <Alert severity="error">The campaign was not changed: {update.error.message}</Alert> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={update.isPending}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={patch.length === 0 || problems.length > 0 || update.isPending} loading={update.isPending}>
          Save changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}
