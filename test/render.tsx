import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';

import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../src/app/App';
import { routes } from '../src/app/router';

/** Renders the app at a path with its real routes and providers, and a fresh QueryClient without retries. */
export function renderRoute(path: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...utils, router, queryClient };
}
