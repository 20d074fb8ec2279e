/** Every TanStack Query key of the dashboard, so that invalidation never guesses at a string. */
export const queryKeys = {
  readiness: ['readiness'] as const,
};
