import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';

export interface Crumb {
  label: string;
  to?: string;
}

/** A page: breadcrumbs, a title (the page's h1), actions on the right, then the content. */
export function PageContainer({ title, breadcrumbs, actions, children }: { title: ReactNode; breadcrumbs?: Crumb[]; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ px: { xs: 2, md: 4 }, py: 3, maxWidth: 1400, mx: 'auto' }}>
      {breadcrumbs?.length ? (
        <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
          {breadcrumbs.map((crumb) =>
            crumb.to ? (
              <Link key={crumb.label} component={RouterLink} to={crumb.to} underline="hover" color="inherit">
                {crumb.label}
              </Link>
            ) : (
              <Typography key={crumb.label} color="text.primary">{crumb.label}</Typography>
            ),
          )}
        </Breadcrumbs>
      ) : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between', mb: 2, gap: 2 }}>
        <Typography variant="h4" component="h1" sx={{ wordBreak: 'break-word' }}>{title}</Typography>
        {actions ? <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>{actions}</Stack> : null}
      </Stack>
      {children}
    </Box>
  );
}
