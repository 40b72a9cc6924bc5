import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { addIsoDuration, formatDatePlaceholders, parseIsoDuration, placeholderWarnings } from '../../api/schedule';
import { formatDateTime } from '../../components/format';

/** What a campaign generated at `at` would be called and when it would be due, with the placeholder surprises. */
export function resolveGeneration(template: { name: string; description?: string | null; deadlineDuration: string | null }, at: Date, timeZone = 'UTC') {
  const duration = template.deadlineDuration ? parseIsoDuration(template.deadlineDuration) : null;
  return {
    name: formatDatePlaceholders(template.name, at, timeZone),
    description: template.description ? formatDatePlaceholders(template.description, at, timeZone) : '',
    deadline: duration ? addIsoDuration(at, duration, timeZone) : null,
  };
}

/** A live preview of the campaign name and description as ISC would fill them if generated now. */
export function NamePreview({ name, description, deadlineDuration }: { name: string; description: string; deadlineDuration: string | null }) {
  const [now] = useState(() => new Date());
  const resolved = resolveGeneration({ name, description, deadlineDuration }, now);
  const warnings = placeholderWarnings(`${name} ${description}`);
  return (
    <Box component="section" aria-label="Preview if generated now" sx={{ p: 2, bgcolor: 'action.hover', borderRadius: 1 }}>
      <Typography variant="subtitle2" component="h3">If generated now ({formatDateTime(now.toISOString())})</Typography>
      <Typography sx={{ wordBreak: 'break-word' }}>Name: <strong>{resolved.name || '—'}</strong></Typography>
      <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>Description: {resolved.description || '—'}</Typography>
      <Typography variant="body2">Due: {resolved.deadline ? formatDateTime(resolved.deadline.toISOString()) : 'no deadline'}</Typography>
      {warnings.map((w) => <Alert key={w} severity="warning" sx={{ mt: 1 }}>{w}</Alert>)}
    </Box>
  );
}
