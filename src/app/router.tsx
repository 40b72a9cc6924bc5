import LinearProgress from '@mui/material/LinearProgress';
import { Navigate, type RouteObject } from 'react-router';
import { AppShell } from './layout/AppShell';
import { NotFoundPage, RouteErrorPage } from './ErrorPages';
import { RequireAdmin, SessionGate } from './SessionGate';

/** Routes; each page is its own chunk, loaded when first visited. Tests mount them in a memory router. */
export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('../features/auth/SignInPage')).SignInPage }),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <LinearProgress aria-label="Loading Attest" />,
  },
  {
    // Shown while the first page's code loads.
    hydrateFallbackElement: <LinearProgress aria-label="Loading Attest" />,
    element: (
      <SessionGate>
        <AppShell />
      </SessionGate>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/certifications" replace /> },
      {
        errorElement: <RouteErrorPage />,
        children: [
          { path: 'certifications', lazy: async () => ({ Component: (await import('../features/certifications/pages/CertificationsPage')).CertificationsPage }) },
          { path: 'certifications/completed', lazy: async () => ({ Component: (await import('../features/certifications/pages/CertificationsPage')).CertificationsPage }) },
          { path: 'certifications/:id', lazy: async () => ({ Component: (await import('../features/certifications/pages/CertificationPage')).CertificationPage }) },
          {
            path: 'campaigns',
            lazy: async () => {
              const { CampaignsPage } = await import('../features/campaigns/pages/CampaignsPage');
              return { Component: () => <RequireAdmin><CampaignsPage /></RequireAdmin> };
            },
          },
          {
            path: 'campaigns/:id',
            lazy: async () => {
              const { CampaignPage } = await import('../features/campaigns/campaign/CampaignPage');
              return { Component: () => <RequireAdmin><CampaignPage /></RequireAdmin> };
            },
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
