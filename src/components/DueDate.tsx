import { useState } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { dueLabel, formatDate } from './format';

const DUE_SOON_DAYS = 3;

/**
 * A due date, with overdue (loud) and due-soon (amber) called out in words, not colour alone. Days are
 * calendar days in the reviewer's time zone: a deadline tomorrow morning reads "Due tomorrow" tonight.
 */
export function DueDate({ due, done = false, now: nowProp, timeZone }: { due: string | null | undefined; done?: boolean; now?: number; timeZone?: string }) {
  // The moment the row was first shown: stable across re-renders.
  const [mountedAt] = useState(() => Date.now());
  const now = nowProp ?? mountedAt;
  if (!due) return <Typography variant="body2" color="text.secondary">No due date</Typography>;
  if (Number.isNaN(Date.parse(due))) return <Typography variant="body2" component="span">{due}</Typography>;
  const label = dueLabel(due, now, timeZone);
  const overdue = !done && label.overdue;
  const soon = !done && !overdue && label.days <= DUE_SOON_DAYS;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Typography variant="body2" component="span">{formatDate(due)}</Typography>
      {overdue ? <Chip size="small" color="error" label={label.text} /> : null}
      {soon ? <Chip size="small" color="warning" label={label.text} /> : null}
    </Stack>
  );
}
