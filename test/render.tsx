import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AppProviders } from '../src/app/App';
import { createRoutes } from '../src/app/router';

/** A QueryClient for one test: no retries, nothing refetched behind the test's back. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
}

/** Renders a component inside the app's providers, with a fresh QueryClient. */
export function renderWithProviders(ui: ReactElement) {
  const queryClient = testQueryClient();
  return { ...render(<AppProviders queryClient={queryClient}>{ui}</AppProviders>), queryClient };
}

/** Renders the app at a path with its real routes and providers, and a fresh QueryClient. */
export function renderRoute(path: string) {
  const queryClient = testQueryClient();
  const router = createMemoryRouter(createRoutes(queryClient), { initialEntries: [path] });
  const utils = render(<AppProviders queryClient={queryClient}><RouterProvider router={router} /></AppProviders>);
  return { ...utils, queryClient, router };
}
