/** Filters of the audit log as the API takes them (times RFC 3339); part of the query key. */
export interface AuditQuery {
  action?: string;
  from?: string;
  to?: string;
  actorId?: string;
  clinicId?: string;
}

/** Filters of the appointment list as the API takes them (times RFC 3339); part of the query key. */
export interface AppointmentQuery {
  /** A platform admin's one clinic (their /clinics/:clinicId pages); others are scoped by the API. */
  clinicId?: string;
  providerId?: string;
  status?: 'scheduled' | 'cancelled' | 'completed';
  from?: string;
  to?: string;
}

/**
 * Every TanStack Query key of the dashboard, so that invalidation never guesses at a string. Each
 * resource has its own first segment: invalidating one never refetches another by accident.
 */
export const queryKeys = {
  readiness: ['readiness'] as const,
  /** The signed-in user and the session's CSRF token (GET /auth/me). */
  session: ['session'] as const,
  clinics: ['clinics'] as const,
  clinic: (clinicId: string) => ['clinic', clinicId] as const,
  users: (clinicId: string) => ['users', clinicId] as const,
  apiKeys: (clinicId: string) => ['api-keys', clinicId] as const,
  /** The clinic's Zoom Server-to-Server account (never its secret), or null when none is stored. */
  zoomAccount: (clinicId: string) => ['zoom-account', clinicId] as const,
  /** The users of the clinic's Zoom account, as Zoom lists them. */
  zoomAccountUsers: (clinicId: string) => ['zoom-account-users', clinicId] as const,
  /** A provider's Zoom and Google connections. */
  connections: (userId: string) => ['connections', userId] as const,
  /** Every page of every filter of the appointment list: what booking, moving or cancelling invalidates. */
  appointments: ['appointments'] as const,
  appointmentList: (query: AppointmentQuery) => ['appointments', query] as const,
  /** One appointment; its own root, so that polling a list never refetches a detail page. */
  appointment: (id: string) => ['appointment', id] as const,
  /** What happened in an appointment's meeting (from the vendor's webhooks). */
  appointmentTimeline: (id: string) => ['appointment-timeline', id] as const,
  /** Every page of every filter: what a change that writes an audit event invalidates. */
  auditEvents: ['audit-events'] as const,
  auditEventList: (query: AuditQuery) => ['audit-events', query] as const,
};

/** Keys that outlive a session: everything else is dropped at sign-out so the next user never sees it. */
export const PUBLIC_QUERY_ROOTS: readonly string[] = [queryKeys.session[0], queryKeys.readiness[0]];
