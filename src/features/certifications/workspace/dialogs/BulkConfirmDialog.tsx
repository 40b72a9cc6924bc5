import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { AccessReviewItem, CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { percent } from '../../../../components/format';
import { bulkTargets, planBulk, type BulkChoices } from '../bulkPlan';
import { useDecisions } from '../decisions/useDecisions';
import { HIGH_RISK, RISK_LABELS, highRiskSummary, riskFlags, riskScore } from '../risk';
import { CommentFields, DecisionFormLayout, cancelUnlessBackdrop, useDecisionForm, type DecisionResult } from './CommentFields';
import { DECISION_VERB, ItemExamples, itemCount, itemLabel, scopeSentence } from './summary';

export interface BulkConfirmDialogProps {
  open: boolean;
  certificationId: string;
  decision: CertificationDecision;
  /** How many items the scope holds, as known before they are gathered. */
  count: number;
  /** The items in scope; null while they are being gathered. */
  items: AccessReviewItem[] | null;
  loading?: { loaded: number; total: number | undefined };
  /** What is in scope, in words: e.g. 'Items matching: Undecided, entitlement'. */
  scopeLabel: string;
  requirement: MandatoryCommentRequirement | null | undefined;
  onCancel(): void;
  onConfirm(result: BulkResult): void;
}

export type BulkResult = DecisionResult & BulkChoices;

const MAX_EXAMPLES = 5;

/**
 * Confirms a decision on many items at once, against what the reviewer sees. By default only items without
 * a decision change; changing existing decisions (saved or not yet sent) is a separate choice with its count.
 * A bulk approval leaves high-risk items for one-by-one review unless the reviewer includes them, which
 * needs a comment.
 */
export function BulkConfirmDialog(props: BulkConfirmDialogProps) {
  return (
    <Dialog open={props.open} onClose={cancelUnlessBackdrop(props.onCancel)} fullWidth maxWidth="sm">
      <BulkConfirmContent {...props} />
    </Dialog>
  );
}

/** "12 of 480 are high-risk: 5 privileged, 7 new access, 3 unused." */
export function highRiskText(items: readonly AccessReviewItem[], of: number = items.length): string | null {
  const { total, byFlag } = highRiskSummary(items);
  if (total === 0) return null;
  const kinds = HIGH_RISK.flatMap((flag) => (byFlag[flag] ? [`${byFlag[flag].toLocaleString()} ${RISK_LABELS[flag].toLowerCase()}`] : []));
  return `${total.toLocaleString()} of ${of.toLocaleString()} ${total === 1 ? 'is' : 'are'} high-risk: ${kinds.join(', ')}.`;
}

/** "Domain Admins for Dana Whitfield (privileged, unused)". */
function describeRisk(item: AccessReviewItem): string {
  const kinds = riskFlags(item).filter((flag) => HIGH_RISK.includes(flag));
  return `${itemLabel(item)} (${kinds.map((flag) => RISK_LABELS[flag].toLowerCase()).join(', ')})`;
}

function BulkConfirmContent({ certificationId, decision, count, items, loading, scopeLabel, requirement, onCancel, onConfirm }: BulkConfirmDialogProps) {
  const { pending } = useDecisions(certificationId);
  const [includeExisting, setIncludeExisting] = useState(false);
  const [includeHighRisk, setIncludeHighRisk] = useState(false);
  const form = useDecisionForm(decision, requirement, '', includeHighRisk);
  const verb = DECISION_VERB[decision];
  const verbLower = verb.toLowerCase();

  const plan = useMemo(() => (items ? planBulk(items, decision, pending) : null), [items, decision, pending]);
  const targets = useMemo(() => (plan ? bulkTargets(plan, { includeExisting, includeHighRisk }) : null), [plan, includeExisting, includeHighRisk]);
  const risky = useMemo(() => {
    if (!targets || targets.highRisk.length === 0) return null;
    // Each item's score once: computed inside the comparison it was ~13 flag readings per item on 5,000 items.
    const examples = targets.highRisk
      .map((item) => ({ item, score: riskScore(item) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_EXAMPLES)
      .map(({ item }) => item);
    return { items: targets.highRisk, examples, text: highRiskText(targets.highRisk, targets.candidates.length) };
  }, [targets]);

  const size = targets?.items.length ?? count;
  const canConfirm = targets !== null && targets.items.length > 0 && form.valid;
  const title = items === null ? `${verb} ${itemCount(count)}?` : `${verb} ${itemCount(size)}`;

  return (
    <DecisionFormLayout
      decision={decision}
      title={title}
      confirmLabel={`${verb} ${itemCount(size)}`}
      canConfirm={canConfirm}
      onCancel={onCancel}
      onConfirm={() => onConfirm({ ...form.result(), includeExisting, includeHighRisk })}
    >
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        {scopeSentence(scopeLabel, items?.length ?? count)}
      </Typography>

      {items === null ? <GatheringProgress loading={loading} /> : null}
      {plan && items?.length === 0 ? (
        <Alert severity="info" sx={{ mt: 2 }}>Nothing matches any more: there is nothing to {verbLower}.</Alert>
      ) : null}

      {plan && items && items.length > 0 ? (
        <Box component="ul" aria-label="What this changes" sx={{ pl: 2.5, my: 1.5 }}>
          <Typography component="li" variant="body2">
            {`${itemCount(plan.undecided.length)} ${plan.undecided.length === 1 ? 'has' : 'have'} no decision yet.`}
          </Typography>
          {plan.existing.items.length > 0 ? (
            <Typography component="li" variant="body2">
              {`${itemCount(plan.existing.items.length)} already ${plan.existing.items.length === 1 ? 'has' : 'have'} another decision (${plan.existing.confirmed.toLocaleString()} saved, ${plan.existing.pending.toLocaleString()} not yet sent): ${includeExisting ? 'they change too' : 'left as they are'}.`}
            </Typography>
          ) : null}
          {plan.unchanged.length > 0 ? (
            <Typography component="li" variant="body2">
              {`${itemCount(plan.unchanged.length)} ${plan.unchanged.length === 1 ? 'is' : 'are'} already ${decision === 'APPROVE' ? 'approved' : 'revoked'}: nothing to do.`}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      {plan && plan.existing.items.length > 0 ? (
        <FormControlLabel
          control={<Checkbox checked={includeExisting} onChange={(e) => setIncludeExisting(e.target.checked)} />}
          label={`Also change ${plan.existing.items.length.toLocaleString()} existing decision${plan.existing.items.length === 1 ? '' : 's'} to ${verbLower}`}
        />
      ) : null}

      {risky ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          <AlertTitle>
            {includeHighRisk
              ? `${risky.items.length.toLocaleString()} high-risk ${risky.items.length === 1 ? 'item is' : 'items are'} included`
              : `${risky.items.length.toLocaleString()} high-risk ${risky.items.length === 1 ? 'item stays' : 'items stay'} for one-by-one review`}
          </AlertTitle>
          {risky.text ? <Typography variant="body2">{risky.text}</Typography> : null}
          <ItemExamples label="High-risk examples" items={risky.examples} total={risky.items.length} describe={describeRisk} />
          <FormControlLabel
            control={<Checkbox checked={includeHighRisk} onChange={(e) => setIncludeHighRisk(e.target.checked)} />}
            label={`Also approve the ${risky.items.length.toLocaleString()} high-risk item${risky.items.length === 1 ? '' : 's'} (needs a comment)`}
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
