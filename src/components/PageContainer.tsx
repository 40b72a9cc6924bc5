import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A page: breadcrumbs (a `Crumbs`), a title (the page's h1), actions on the right, then the content. */
export function PageContainer({ title, breadcrumbs, actions, children }: { title: ReactNode; breadcrumbs?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ px: { xs: 2, md: 4 }, py: { xs: 2, md: 3 }, maxWidth: 1400, mx: 'auto', minWidth: 0 }}>
      {breadcrumbs}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between', mb: 2, gap: 2 }}>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere', minWidth: 0, fontSize: { xs: '1.5rem', sm: undefined } }}>{title}</Typography>
        {actions ? <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center', flexShrink: 0 }}>{actions}</Stack> : null}
      </Stack>
      {children}
    </Box>
  );
}
