import { useState, type ReactNode } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { NotificationsProvider } from '../components/notifications';
import type { SandboxControls } from '../sandbox/browser';
import { AppErrorBoundary } from './ErrorPages';
import { createQueryClient } from './query-client';
import { createRoutes } from './router';
import { SandboxContext } from './sandbox-context';
import { theme } from './theme';

/** Providers every page needs; tests render pages inside the same ones. */
export function AppProviders({ children, sandbox = null, queryClient }: { children: ReactNode; sandbox?: SandboxControls | null; queryClient: QueryClient }) {
  return (
    <ThemeProvider theme={theme} defaultMode="system">
      <CssBaseline enableColorScheme />
      <AppErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <SandboxContext.Provider value={sandbox}>
            <NotificationsProvider>{children}</NotificationsProvider>
          </SandboxContext.Provider>
        </QueryClientProvider>
      </AppErrorBoundary>
    </ThemeProvider>
  );
}

export function App({ sandbox }: { sandbox: SandboxControls | null }) {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(createRoutes(queryClient)));
  return (
    <AppProviders sandbox={sandbox} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
