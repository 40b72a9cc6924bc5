import { useId } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { isApiError } from '../../api/errors';
import { useNotify } from '../../components/notifications';
import { useDeleteTemplate } from './queries';

/** Confirms deleting one template (its schedule goes with it; campaigns it generated stay). */
export function DeleteTemplateDialog({ template, onClose, onDeleted }: {
  template: { id: string; name: string; scheduled?: boolean | null } | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const titleId = useId();
  const remove = useDeleteTemplate();
  const notify = useNotify();

  function close() {
    if (remove.isPending) return;
    remove.reset();
    onClose();
  }

  async function confirm() {
    if (!template) return;
    try {
      await remove.mutateAsync(template.id);
      notify(`Template “${template.name}” deleted.`, 'success');
      remove.reset();
      onClose();
      onDeleted?.();
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <Dialog open={Boolean(template)} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <DialogTitle id={titleId}>Delete template “{template?.name}”?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {template?.scheduled ? 'Its schedule is deleted with it, so no more campaigns are generated from it. ' : ''}
          Campaigns already generated from it stay as they are. This cannot be undone.
        </DialogContentText>
        {remove.isError ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            The template was not deleted: {remove.error.message} {isApiError(remove.error) ? remove.error.advice : 'Try again.'}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={remove.isPending}>Cancel</Button>
        <Button color="error" variant="contained" onClick={() => void confirm()} disabled={remove.isPending}>
          {remove.isPending ? 'Deleting…' : 'Delete template'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
