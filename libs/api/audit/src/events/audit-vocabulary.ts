/**
 * What the trail records. Append new actions here as modules start auditing them (appointments,
 * join links, connections…); never rename one that has been written, old rows keep their text.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.session_expired',
  'clinic.created',
  'user.created',
  'user.updated',
  'api_key.created',
  'api_key.revoked',
  'access.denied',
  'connection.connected',
  'connection.connect_failed',
  'connection.disconnected',
  'connection.needs_reauth',
  'connection.deauthorized',
  'zoom_account.saved',
  'zoom_account.removed',
  'appointment.created',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.host_link',
  'appointment.meeting_ready',
  'appointment.meeting_failed',
  'join_link.used',
  'appointment.meeting_deleted',
  'clinic.updated',
  'appointment.meeting_moved',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
