import { createApiClient } from '@televisit/api-client';

/** The one API client of the dashboard: same origin, typed from the API's OpenAPI document. */
export const apiClient = createApiClient();
