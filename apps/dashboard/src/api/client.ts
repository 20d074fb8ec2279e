import { createApiClient } from '@televisit/api-client';
import { queryClient } from '../app/query-client';
import { csrfTokenIn } from '../auth/session-state';

/**
 * The one API client of the dashboard: same origin, typed from the API's OpenAPI document. It sends
 * the session's CSRF token, which lives only in memory (the query cache), on state-changing requests.
 */
export const apiClient = createApiClient({ csrfToken: () => csrfTokenIn(queryClient) });
