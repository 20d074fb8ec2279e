/** Client routes of the dashboard. Ids in paths are opaque; nothing about a patient ever goes in a URL. */
export const paths = {
  login: '/login',
  status: '/status',
  profile: '/profile',
  clinics: '/clinics',
  /** A clinic admin's own clinic. */
  users: '/users',
  apiKeys: '/api-keys',
  audit: '/audit',
  /** Any clinic, for a platform admin. */
  clinicUsers: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/users`,
  clinicApiKeys: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/api-keys`,
  clinicAudit: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/audit`,
} as const;

/** Route patterns of the clinic-scoped pages a platform admin opens from the clinic list. */
export const patterns = {
  clinicUsers: '/clinics/:clinicId/users',
  clinicApiKeys: '/clinics/:clinicId/api-keys',
  clinicAudit: '/clinics/:clinicId/audit',
} as const;

/** Served by the API, outside the SPA: a full page load, never a client route. */
export const apiReferenceUrl = '/api/docs';
