/** Client routes of the dashboard. */
export const paths = {
  status: '/status',
} as const;

/** Served by the API, outside the SPA: a full page load, never a client route. */
export const apiReferenceUrl = '/api/docs';
