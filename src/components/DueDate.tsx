import { useState } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatDate, relativeDays } from './format';

const DUE_SOON_DAYS = 3;

/** A due date, with overdue (loud) and due-soon (amber) called out in words, not colour alone. */
export function DueDate({ due, done = false, now: nowProp }: { due: string | null | undefined; done?: boolean; now?: number }) {
  // The moment the row was first shown: stable across re-renders.
  const [mountedAt] = useState(() => Date.now());
  const now = nowProp ?? mountedAt;
  if (!due) return <Typography variant="body2" color="text.secondary">No due date</Typography>;
  const days = relativeDays(due, now);
  const overdue = !done && Date.parse(due) < now;
  const soon = !done && !overdue && days <= DUE_SOON_DAYS;
  return (
    <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
      <Typography variant="body2" component="span">{formatDate(due)}</Typography>
      {overdue ? <Chip size="small" color="error" label={days === 0 ? 'Overdue today' : `Overdue ${-days} d`} /> : null}
      {soon ? <Chip size="small" color="warning" label={days === 0 ? 'Due today' : `Due in ${days} d`} /> : null}
    </Stack>
  );
}
