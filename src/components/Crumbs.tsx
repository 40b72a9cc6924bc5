import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { TenantText } from './TenantText';

export interface Crumb {
  label: string;
  to?: string;
}

/**
 * A page's breadcrumbs, for PageContainer's `breadcrumbs`. Apart from PageContainer so that MUI's Breadcrumbs
 * load with the pages that have some, not with the app shell and My certifications.
 */
export function Crumbs({ items }: { items: readonly Crumb[] }) {
  if (!items.length) return null;
  return (
    <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1, minWidth: 0, '& .MuiBreadcrumbs-li': { minWidth: 0, maxWidth: '100%' } }}>
      {/* Crumbs are often the tenant's names: one line each, cut, whole in the title. */}
      {items.map((crumb) =>
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
  );
}
