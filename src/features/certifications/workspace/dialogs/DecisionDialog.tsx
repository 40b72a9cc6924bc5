import Dialog from '@mui/material/Dialog';
import DialogContentText from '@mui/material/DialogContentText';
import type { AccessReviewItem, CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { CommentFields, DecisionFormLayout, cancelUnlessBackdrop, useDecisionForm, type DecisionResult } from './CommentFields';
import { DECISION_VERB, ItemExamples, itemCount, itemLabel } from './summary';

export interface DecisionDialogProps {
  open: boolean;
  decision: CertificationDecision;
  items: AccessReviewItem[];
  /** The campaign's mandatoryCommentRequirement. */
  requirement: MandatoryCommentRequirement | null | undefined;
  initialComment?: string;
  onCancel(): void;
  onConfirm(result: DecisionResult): void;
}

const MAX_LISTED = 5;

/** Approve or revoke a few items: what is decided, a comment (required when the campaign says so), an end date for revocations. */
export function DecisionDialog(props: DecisionDialogProps) {
  return (
    <Dialog open={props.open} onClose={cancelUnlessBackdrop(props.onCancel)} fullWidth maxWidth="sm">
      <DecisionDialogContent {...props} />
    </Dialog>
  );
}

/** Mounted while the dialog is open: each opening starts with a fresh form. */
function DecisionDialogContent({ decision, items, requirement, initialComment, onCancel, onConfirm }: DecisionDialogProps) {
  const form = useDecisionForm(decision, requirement, initialComment);
  const identities = new Set(items.map((item) => item.identitySummary?.id)).size;
  const verb = DECISION_VERB[decision];
  return (
    <DecisionFormLayout
      decision={decision}
      title={`${verb} ${itemCount(items.length)}`}
      confirmLabel={verb}
      canConfirm={form.valid && items.length > 0}
      onCancel={onCancel}
      onConfirm={() => onConfirm(form.result())}
    >
      {items.length === 1 ? (
        <DialogContentText sx={{ overflowWrap: 'anywhere' }}>{itemLabel(items[0]!)}</DialogContentText>
      ) : (
        <>
          <DialogContentText>{`${itemCount(items.length)} for ${identities.toLocaleString()} ${identities === 1 ? 'identity' : 'identities'}:`}</DialogContentText>
          <ItemExamples label="Items" items={items.slice(0, MAX_LISTED)} total={items.length} />
        </>
      )}
      <CommentFields {...form.fields} autoFocus />
    </DecisionFormLayout>
  );
}
