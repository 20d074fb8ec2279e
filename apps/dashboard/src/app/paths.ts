/** Client routes of the dashboard. Ids in paths are opaque; nothing about a patient ever goes in a URL. */
export const paths = {
  login: '/login',
  status: '/status',
  profile: '/profile',
  /** A provider's Zoom and Google accounts; the API's OAuth callback sends the browser back here. */
  connections: '/connections',
  clinics: '/clinics',
  /** A clinic admin's own clinic. */
  users: '/users',
  apiKeys: '/api-keys',
  /** The clinic's Zoom Server-to-Server app and which Zoom user hosts each provider's visits. */
  zoomAccount: '/zoom-account',
  audit: '/audit',
  /** The clinic's own settings (how its video visits are set up). */
  settings: '/settings',
  /** A clinic admin's or provider's appointments; a platform admin's are under the clinic's path. */
  appointments: '/appointments',
  newAppointment: '/appointments/new',
  /** By its opaque id only: the patient's name never appears in a URL. */
  appointment: (id: string) => `/appointments/${encodeURIComponent(id)}`,
  /** Any clinic, for a platform admin. */
  clinicUsers: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/users`,
  clinicApiKeys: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/api-keys`,
  clinicAudit: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/audit`,
  clinicZoomAccount: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/zoom-account`,
  clinicSettings: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/settings`,
  clinicAppointments: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/appointments`,
  clinicNewAppointment: (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/appointments/new`,
  clinicAppointment: (clinicId: string, id: string) =>
    `/clinics/${encodeURIComponent(clinicId)}/appointments/${encodeURIComponent(id)}`,
} as const;

/** Route patterns of the clinic-scoped pages a platform admin opens from the clinic list. */
export const patterns = {
  clinicUsers: '/clinics/:clinicId/users',
  clinicApiKeys: '/clinics/:clinicId/api-keys',
  clinicAudit: '/clinics/:clinicId/audit',
  clinicZoomAccount: '/clinics/:clinicId/zoom-account',
  clinicSettings: '/clinics/:clinicId/settings',
  clinicAppointments: '/clinics/:clinicId/appointments',
  clinicNewAppointment: '/clinics/:clinicId/appointments/new',
  clinicAppointment: '/clinics/:clinicId/appointments/:appointmentId',
  appointment: '/appointments/:appointmentId',
} as const;

/** Served by the API, outside the SPA: a full page load, never a client route. */
export const apiReferenceUrl = '/api/docs';
