import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { endSession } from '../auth/session-state';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** This mutation handles its own 401 (a wrong password is an answer, not a lost session). */
      handlesUnauthorized?: boolean;
    };
  }
}

/** A 401 anywhere after sign-in means the session is gone (idle or absolute timeout, sign-out elsewhere). */
function onUnauthorized(error: unknown): void {
  if (isApiError(error, 401)) endSession(queryClient, 'expired');
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== queryKeys.session[0]) onUnauthorized(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (!mutation.meta?.handlesUnauthorized) onUnauthorized(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // One quick retry hides a blip; more would keep an outage off screen for many seconds. An
      // answer of 4xx is final: asking again gives the same answer.
      retry: (failureCount, error) => failureCount < 1 && !isClientError(error),
      retryDelay: 1_000,
    },
  },
});

function isClientError(error: unknown): boolean {
  const status = isApiError(error) ? error.status : undefined;
  return status !== undefined && status >= 400 && status < 500;
}
