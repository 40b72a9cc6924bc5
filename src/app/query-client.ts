import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/errors';
import { notify } from '../components/notifications';

/**
 * React Query for the whole app. The typed client already retries transient failures (429 with
 * Retry-After, network and 5xx on reads), so queries don't retry again. A failed background refetch of
 * data already on screen is a toast; a failed first load is an inline error where the data would be.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (query.state.data !== undefined && !(isApiError(error) && error.status === 401)) {
          notify(`Couldn't refresh: ${error.message}`, 'warning');
        }
      },
    }),
    defaultOptions: {
      queries: { retry: false, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
