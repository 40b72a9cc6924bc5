import { useEffect, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { CertificationDecision, MandatoryCommentRequirement } from '../../../../api/schemas';
import { dayInputValue, reviewerTimeZone } from '../../../../components/format';
import { endOfDayIn, msUntilNextDay } from '../../../../components/zonedDays';
import { commentRequired, commentRequirementText } from '../decisions/comments';

/** What a decision dialog hands back: both optional, as in ReviewDecision. */
export interface DecisionResult {
  comments?: string;
  /** REVOKE only: the end of the chosen day in the reviewer's time zone, as an ISO date-time in UTC. */
  proposedEndDate?: string;
}

export const COMMENT_MAX_LENGTH = 2000;

/** Today in the reviewer's time zone, as a date input's value (YYYY-MM-DD). */
export function todayInputValue(now: Date = new Date()): string {
  return dayInputValue(now.getTime());
}

/**
 * What is wrong with a proposed end date: not a real day, or a day whose end (in the reviewer's time zone)
 * has already passed. Empty is fine (the access goes at sign-off).
 */
export function endDateProblem(date: string, now: number = Date.now(), timeZone?: string): string | null {
  if (!date) return null;
  const end = endOfDayIn(date, timeZone);
  if (!end) return 'Enter a valid date.';
  return Date.parse(end) <= now ? 'The end date must be today or later.' : null;
}

/** "Today" that turns over at the reviewer's midnight, so a dialog left open overnight never sends a past day. */
function useToday(): string {
  const [today, setToday] = useState(() => todayInputValue());
  useEffect(() => {
    const timer = window.setTimeout(() => setToday(todayInputValue()), msUntilNextDay());
    return () => window.clearTimeout(timer);
  }, [today]);
  return today;
}

export interface DecisionFormFields {
  decision: CertificationDecision;
  requirement: MandatoryCommentRequirement | null | undefined;
  /** The campaign asks for a comment on this decision. */
  required: boolean;
  comment: string;
  onCommentChange(comment: string): void;
  /** YYYY-MM-DD or empty. */
  endDate: string;
  onEndDateChange(date: string): void;
  endDateError: string | null;
  /** The earliest end date allowed. */
  today: string;
}

/**
 * The state behind CommentFields: the comment (required or not by the campaign), the proposed end date
 * (REVOKE only) and whether the decision may be confirmed. Mount it inside the dialog's content, so each
 * opening starts afresh.
 */
export function useDecisionForm(
  decision: CertificationDecision,
  requirement: MandatoryCommentRequirement | null | undefined,
  initialComment = '',
  /** A comment is needed whatever the campaign says (e.g. approving high-risk items in bulk). */
  requireComment = false,
): { valid: boolean; result: () => DecisionResult; fields: DecisionFormFields } {
  const [comment, setComment] = useState(initialComment);
  const [endDate, setEndDate] = useState('');
  const today = useToday();
  const required = requireComment || commentRequired(requirement, decision);
  // `today` re-renders this at midnight, when an end date of yesterday stops being allowed.
  const endDateError = decision === 'REVOKE' ? endDateProblem(endDate) : null;
  const valid = !(required && !comment.trim()) && comment.length <= COMMENT_MAX_LENGTH && !endDateError;

  const result = (): DecisionResult => {
    const comments = comment.trim();
    // Checked again at the moment of sending: a day that has ended is never proposed.
    const proposedEndDate = decision === 'REVOKE' && endDate && !endDateProblem(endDate) ? endOfDayIn(endDate) : null;
    return { ...(comments ? { comments } : {}), ...(proposedEndDate ? { proposedEndDate } : {}) };
  };

  return {
    valid,
    result,
    fields: { decision, required, requirement, comment, onCommentChange: setComment, endDate, onEndDateChange: setEndDate, endDateError, today },
  };
}

/** A Dialog onClose that cancels on Escape but not on a stray click beside the dialog, which would lose the comment. */
export function cancelUnlessBackdrop(onCancel: () => void) {
  return (_event: unknown, reason: 'backdropClick' | 'escapeKeyDown') => {
    if (reason !== 'backdropClick') onCancel();
  };
}

/**
 * The frame of a decision dialog's content: a form whose Confirm (or Enter in a field, or Ctrl/Cmd+Enter
 * anywhere, the comment included) confirms, and only while `canConfirm`. Render it inside a Dialog: the
 * DialogTitle labels the dialog, Escape and the backdrop cancel through the Dialog's onClose.
 */
export function DecisionFormLayout(props: {
  decision: CertificationDecision;
  title: string;
  confirmLabel: string;
  canConfirm: boolean;
  onCancel(): void;
  onConfirm(): void;
  children: ReactNode;
}) {
  const { canConfirm, onConfirm } = props;
  const confirm = () => {
    if (canConfirm) onConfirm();
  };
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        confirm();
      }}
      onKeyDown={(event: KeyboardEvent<HTMLFormElement>) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          confirm();
        }
      }}
      sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>{props.children}</DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button type="submit" variant="contained" color={props.decision === 'REVOKE' ? 'error' : 'primary'} disabled={!canConfirm}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Box>
  );
}

/** The comment (with its requirement and a counter) and, for revocations, the proposed end date. */
export function CommentFields(props: DecisionFormFields & { autoFocus?: boolean }) {
  const { decision, required, requirement, comment, endDate, endDateError, today } = props;
  const tooLong = comment.length > COMMENT_MAX_LENGTH;
  const why = tooLong
    ? `Comments can be at most ${COMMENT_MAX_LENGTH.toLocaleString()} characters.`
    : required
      ? commentRequired(requirement, decision)
        ? commentRequirementText(requirement)
        : 'Required: say why these high-risk items may keep their access.'
      : 'Optional. Without one, items keep the comment they have.';
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        label="Comment"
        required={required}
        multiline
        minRows={3}
        maxRows={10}
        fullWidth
        autoFocus={props.autoFocus}
        value={comment}
        error={tooLong}
        onChange={(e) => props.onCommentChange(e.target.value)}
        helperText={
          <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <span>{why}</span>
            <span>{`${comment.length.toLocaleString()} / ${COMMENT_MAX_LENGTH.toLocaleString()}`}</span>
          </Box>
        }
        slotProps={{ htmlInput: { maxLength: COMMENT_MAX_LENGTH } }}
      />
      {decision === 'REVOKE' ? (
        <TextField
          label="Proposed end date"
          type="date"
          value={endDate}
          onChange={(e) => props.onEndDateChange(e.target.value)}
          error={Boolean(endDateError)}
          helperText={endDateError ?? `Optional. The access ends at the end of this day (your time, ${reviewerTimeZone()}); leave empty to remove it at sign-off.`}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today } }}
          sx={{ maxWidth: 320 }}
        />
      ) : null}
    </Stack>
  );
}
