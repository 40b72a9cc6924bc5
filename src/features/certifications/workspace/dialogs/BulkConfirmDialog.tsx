import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContentText from '@mui/material/DialogContentText';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { AccessReviewItem, CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { percent } from '../../../../components/format';
import { HIGH_RISK, RISK_LABELS, highRiskSummary, riskFlags, riskScore } from '../risk';
import { CommentFields, DecisionFormLayout, cancelUnlessBackdrop, useDecisionForm, type DecisionResult } from './CommentFields';
import { DECISION_VERB, ItemExamples, itemCount, itemLabel } from './summary';

export interface BulkConfirmDialogProps {
  open: boolean;
  decision: CertificationDecision;
  /** How many items the scope holds, as known before they are gathered. */
  count: number;
  /** The items decided on; null while they are being gathered. */
  items: AccessReviewItem[] | null;
  loading?: { loaded: number; total: number | undefined };
  /** What is decided, in words: e.g. 'everything matching "Undecided"'. */
  scopeLabel: string;
  requirement: MandatoryCommentRequirement | null | undefined;
  onCancel(): void;
  onConfirm(result: DecisionResult): void;
}

const MAX_EXAMPLES = 5;

/**
 * Confirms a decision on many items at once. Approving a set with high-risk items says how many and of
 * which kinds, names a few, and asks the reviewer to confirm they looked before Confirm enables.
 */
export function BulkConfirmDialog(props: BulkConfirmDialogProps) {
  return (
    <Dialog open={props.open} onClose={cancelUnlessBackdrop(props.onCancel)} fullWidth maxWidth="sm">
      <BulkConfirmContent {...props} />
    </Dialog>
  );
}

/** "12 of 480 are high-risk: 5 privileged, 7 new access, 3 unused." */
export function highRiskText(items: readonly AccessReviewItem[]): string | null {
  const { total, byFlag } = highRiskSummary(items);
  if (total === 0) return null;
  const kinds = HIGH_RISK.flatMap((flag) => (byFlag[flag] ? [`${byFlag[flag].toLocaleString()} ${RISK_LABELS[flag].toLowerCase()}`] : []));
  return `${total.toLocaleString()} of ${items.length.toLocaleString()} ${total === 1 ? 'is' : 'are'} high-risk: ${kinds.join(', ')}.`;
}

/** "Domain Admins for Dana Whitfield (privileged, unused)". */
function describeRisk(item: AccessReviewItem): string {
  const kinds = riskFlags(item).filter((flag) => HIGH_RISK.includes(flag));
  return `${itemLabel(item)} (${kinds.map((flag) => RISK_LABELS[flag].toLowerCase()).join(', ')})`;
}

function BulkConfirmContent({ decision, count, items, loading, scopeLabel, requirement, onCancel, onConfirm }: BulkConfirmDialogProps) {
  const form = useDecisionForm(decision, requirement);
  const [reviewed, setReviewed] = useState(false);
  const verb = DECISION_VERB[decision];
  const size = items?.length ?? count;

  const risk = useMemo(() => {
    if (decision !== 'APPROVE' || !items) return null;
    const text = highRiskText(items);
    if (!text) return null;
    const risky = items.filter((item) => riskFlags(item).some((flag) => HIGH_RISK.includes(flag)));
    const examples = [...risky].sort((a, b) => riskScore(b) - riskScore(a)).slice(0, MAX_EXAMPLES);
    return { text, examples, total: risky.length };
  }, [decision, items]);

  const canConfirm = items !== null && items.length > 0 && form.valid && (risk === null || reviewed);

  return (
    <DecisionFormLayout
      decision={decision}
      title={`${verb} ${itemCount(size)}`}
      confirmLabel={`${verb} ${itemCount(size)}`}
      canConfirm={canConfirm}
      onCancel={onCancel}
      onConfirm={() => onConfirm(form.result())}
    >
      <DialogContentText sx={{ overflowWrap: 'anywhere' }}>
        {`You are about to ${verb.toLowerCase()} ${scopeLabel}: ${itemCount(size)}.`}
      </DialogContentText>

      {items === null ? <GatheringProgress loading={loading} /> : null}
      {items !== null && items.length === 0 ? (
        <Alert severity="info" sx={{ mt: 2 }}>Nothing matches any more: there is nothing to {verb.toLowerCase()}.</Alert>
      ) : null}

      {risk ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          <AlertTitle>Look before you approve</AlertTitle>
          <Typography variant="body2">{risk.text}</Typography>
          <ItemExamples label="High-risk examples" items={risk.examples} total={risk.total} describe={describeRisk} />
          <FormControlLabel
            control={<Checkbox checked={reviewed} onChange={(e) => setReviewed(e.target.checked)} />}
            label="I have reviewed the high-risk items"
            sx={{ mt: 1 }}
          />
        </Alert>
      ) : null}

      <CommentFields {...form.fields} autoFocus />
    </DecisionFormLayout>
  );
}

/** How far gathering the items has got: a determinate bar once the total is known. */
function GatheringProgress({ loading }: { loading: BulkConfirmDialogProps['loading'] }) {
  const total = loading?.total;
  const loaded = loading?.loaded ?? 0;
  return (
    <Box sx={{ my: 2 }}>
      <Typography variant="body2">
        {total !== undefined ? `Gathering the items: ${loaded.toLocaleString()} of ${total.toLocaleString()}` : `Gathering the items: ${loaded.toLocaleString()} so far`}
      </Typography>
      {total !== undefined ? (
        <LinearProgress variant="determinate" value={percent(loaded, total)} aria-label="Gathering the items" sx={{ mt: 1 }} />
      ) : (
        <LinearProgress aria-label="Gathering the items" sx={{ mt: 1 }} />
      )}
    </Box>
  );
}
