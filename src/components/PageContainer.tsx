import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { TenantText } from './TenantText';

export interface Crumb {
  label: string;
  to?: string;
}

/** A page: breadcrumbs, a title (the page's h1), actions on the right, then the content. */
export function PageContainer({ title, breadcrumbs, actions, children }: { title: ReactNode; breadcrumbs?: Crumb[]; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box component="section" sx={{ px: { xs: 2, md: 4 }, py: { xs: 2, md: 3 }, maxWidth: 1400, mx: 'auto', minWidth: 0 }}>
      {breadcrumbs?.length ? (
        <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1, minWidth: 0, '& .MuiBreadcrumbs-li': { minWidth: 0, maxWidth: '100%' } }}>
          {/* Crumbs are often the tenant's names: one line each, cut, whole in the title. */}
          {breadcrumbs.map((crumb) =>
            crumb.to ? (
              <Link key={crumb.label} component={RouterLink} to={crumb.to} underline="hover" color="inherit" sx={{ display: 'flex', minWidth: 0 }}>
                <TenantText text={crumb.label} oneLine />
              </Link>
            ) : (
              <Typography key={crumb.label} color="text.primary" sx={{ display: 'flex', minWidth: 0 }}>
                <TenantText text={crumb.label} oneLine />
              </Typography>
            ),
          )}
        </Breadcrumbs>
      ) : null}
      <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between', mb: 2, gap: 2 }}>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere', minWidth: 0, fontSize: { xs: '1.5rem', sm: undefined } }}>{title}</Typography>
        {actions ? <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', alignItems: 'center', flexShrink: 0 }}>{actions}</Stack> : null}
      </Stack>
      {children}
    </Box>
  );
}
