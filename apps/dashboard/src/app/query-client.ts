import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // One quick retry hides a blip; more would keep an outage off screen for many seconds.
      retry: 1,
      retryDelay: 1_000,
    },
  },
});
