import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';

/**
 * A tenant string inside one of our sentences, wrapped in Unicode first-strong isolates: a right-to-left
 * override in a name cannot reorder the words after it.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A tenant's name, or what to show when it has none. */
export function nameOr(text: string | null | undefined, fallback = '(no name)'): string {
  return text?.trim() ? text : fallback;
}

/**
 * A string from the tenant as text: isolated for bidirectional text (`<bdi>`), never stretching the page
 * (one line cut with an ellipsis, whole in the title; or wrapped anywhere), and a visible fallback when
 * empty.
 */
export function TenantText({
  text,
  fallback = '(no name)',
  oneLine = false,
  lines,
  sx,
}: {
  text: string | null | undefined;
  fallback?: string;
  /** One line with an ellipsis (the whole text in the title) rather than wrapping anywhere. */
  oneLine?: boolean;
  /** At most this many lines, wrapped anywhere, the rest cut (the whole text in the title). */
  lines?: number;
  sx?: SxProps<Theme>;
}) {
  const value = text?.trim() ? text : null;
  return (
    <Box
      component="bdi"
      title={(oneLine || lines) && value ? value : undefined}
      sx={[
        { unicodeBidi: 'isolate', minWidth: 0, maxWidth: '100%' },
        oneLine
          ? { display: 'inline-block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'bottom' }
          : lines
            ? { display: '-webkit-box', WebkitLineClamp: String(lines), WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' }
            : { overflowWrap: 'anywhere' },
        value ? {} : { fontStyle: 'italic', color: 'text.secondary' },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {value ?? fallback}
    </Box>
  );
}
