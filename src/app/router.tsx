import LinearProgress from '@mui/material/LinearProgress';
import type { QueryClient } from '@tanstack/react-query';
import { Navigate, type LoaderFunctionArgs, type RouteObject } from 'react-router';
import { sessionStore } from '../api/session';
import { prefetchWorkspace } from '../features/certifications/prefetch';
import { AppShell } from './layout/AppShell';
import { NotFoundPage, RouteErrorPage } from './ErrorPages';
import { RequireAdmin, RequireCampaignsArea, SessionGate } from './SessionGate';

/** Campaign templates and schedules (ORG_ADMIN, CERT_ADMIN). */
const templateRoutes: RouteObject[] = [
  {
    path: 'templates',
    lazy: async () => {
      const { TemplatesPage } = await import('../features/templates/TemplatesPage');
      return { Component: () => <RequireAdmin><TemplatesPage /></RequireAdmin> };
    },
  },
  {
    path: 'templates/new',
    lazy: async () => {
      const { TemplateEditorPage } = await import('../features/templates/TemplateEditorPage');
      return { Component: () => <RequireAdmin><TemplateEditorPage /></RequireAdmin> };
    },
  },
  {
    path: 'templates/calendar',
    lazy: async () => {
      const { CadenceCalendarPage } = await import('../features/templates/CadenceCalendarPage');
      return { Component: () => <RequireAdmin><CadenceCalendarPage /></RequireAdmin> };
    },
  },
  {
    path: 'templates/:id',
    lazy: async () => {
      const { TemplatePage } = await import('../features/templates/TemplatePage');
      return { Component: () => <RequireAdmin><TemplatePage /></RequireAdmin> };
    },
  },
  {
    path: 'templates/:id/edit',
    lazy: async () => {
      const { TemplateEditorPage } = await import('../features/templates/TemplateEditorPage');
      return { Component: () => <RequireAdmin><TemplateEditorPage /></RequireAdmin> };
    },
  },
];

/**
 * The workspace's loader starts its first reads while the page's code loads (prefetchWorkspace is in the
 * app shell, so the calls leave before the page's chunks arrive); it never waits for them, and without a
 * session there is nothing to read yet.
 */
function workspaceLoader(queryClient: QueryClient) {
  return ({ params, request }: LoaderFunctionArgs) => {
    if (params.id && sessionStore.get() && !sessionStore.isExpired()) {
      prefetchWorkspace(queryClient, params.id, new URL(request.url).searchParams);
    }
    return null;
  };
}

/** Routes; each page is its own chunk, loaded when first visited. Tests mount them in a memory router. */
export const createRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    path: '/sign-in',
    lazy: async () => ({ Component: (await import('../features/auth/SignInPage')).SignInPage }),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <LinearProgress aria-label="Loading Attest" />,
  },
  {
    path: '/auth/callback',
    lazy: async () => ({ Component: (await import('../features/auth/CallbackPage')).CallbackPage }),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <LinearProgress aria-label="Loading Attest" />,
  },
  {
    path: '/auth/popup',
    lazy: async () => ({ Component: (await import('../features/auth/CallbackPage')).PopupStartPage }),
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
          {
            path: 'certifications/:id',
            loader: workspaceLoader(queryClient),
            // Only a change of certification reads again; the grid's view lives in the search and has its own queries.
            shouldRevalidate: ({ currentParams, nextParams }) => currentParams.id !== nextParams.id,
            lazy: async () => ({ Component: (await import('../features/certifications/pages/CertificationPage')).CertificationPage }),
          },
          {
            // Admins run campaigns; REPORT_ADMIN sees their reports only; anyone else gets not-found.
            path: 'campaigns',
            lazy: async () => {
              const [{ CampaignsPage }, { ReportsOnlyPage }] = await Promise.all([
                import('../features/campaigns/pages/CampaignsPage'),
                import('../features/campaigns/list/ReportsOnlyPage'),
              ]);
              return { Component: () => <RequireCampaignsArea admin={<CampaignsPage />} reports={<ReportsOnlyPage />} /> };
            },
          },
          {
            path: 'campaigns/new',
            lazy: async () => {
              const { CreateCampaignPage } = await import('../features/campaigns/wizard/CreateCampaignPage');
              return { Component: () => <RequireAdmin><CreateCampaignPage /></RequireAdmin> };
            },
          },
          {
            path: 'campaigns/:id/preflight',
            lazy: async () => {
              const { PreflightPage } = await import('../features/campaigns/preflight/PreflightPage');
              return { Component: () => <RequireAdmin><PreflightPage /></RequireAdmin> };
            },
          },
          {
            path: 'campaigns/:id',
            lazy: async () => {
              const { CampaignPage } = await import('../features/campaigns/campaign/CampaignPage');
              return { Component: () => <RequireAdmin><CampaignPage /></RequireAdmin> };
            },
          },
          ...templateRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
