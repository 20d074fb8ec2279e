import { type Schemas } from '@televisit/api-client';
import { scopeLabel } from '../api-keys/scopes';
import { VIDEO_PROVIDER_NAMES, type VideoProviderKey } from '../appointments/meeting-wording';
import { scopeLabels, vendorName } from '../connections/vendor-labels';
import { ROLE_LABELS } from '../../app/access';
import { formatTime, formatTimeRange, sameSecond } from '../../format/date-time';

export type AuditEvent = Schemas['AuditEvent'];
export type AuditAction = AuditEvent['action'];
export type AuditOutcome = AuditEvent['outcome'];

/** Every action the API records, in words, in the order the filter offers them. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': 'Sign-in',
  'auth.logout': 'Sign-out',
  'auth.session_expired': 'Session expired',
  'clinic.created': 'Clinic created',
  'user.created': 'User added',
  'user.updated': 'User changed',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'access.denied': 'Access denied',
  'connection.connected': 'Video account connected',
  'connection.connect_failed': 'Video account connection failed',
  'connection.disconnected': 'Video account disconnected',
  'connection.needs_reauth': 'Video account stopped working',
  'connection.deauthorized': 'Video account removed at the vendor',
  'zoom_account.saved': 'Clinic Zoom account saved',
  'zoom_account.removed': 'Clinic Zoom account removed',
  'appointment.created': 'Appointment booked',
  'appointment.rescheduled': 'Appointment rescheduled',
  'appointment.cancelled': 'Appointment cancelled',
  'appointment.host_link': 'Host link issued',
  'appointment.meeting_ready': 'Meeting ready',
  'appointment.meeting_failed': 'Meeting failed',
  'join_link.used': 'Patient link opened',
  'appointment.meeting_deleted': 'Meeting deleted at the vendor',
  'clinic.updated': 'Clinic changed',
  'appointment.meeting_moved': 'Meeting moved at the vendor, moved back',
};

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: 'Success',
  failure: 'Failed',
  denied: 'Denied',
};

export const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  success: 'green',
  failure: 'red',
  denied: 'orange',
};

const REASONS: Record<string, string> = {
  wrong_password: 'wrong password',
  unknown_account: 'unknown email address',
  disabled: 'account disabled',
  throttled: 'too many attempts',
  not_permitted: 'not permitted for this role or key',
  csrf_failed: 'missing or wrong CSRF token',
  access_denied: 'the provider declined on the consent page',
  state_invalid: 'the sign-in flow expired or was tampered with',
  exchange_failed: 'the vendor refused the authorization code',
  vendor_error: 'the vendor reported an error',
  vendor_refused: 'the vendor refused the request',
  missing_scope: 'not every permission was granted',
  invalid_grant: 'the vendor stopped accepting televisit’s access',
};

/** What a patient link did when it was opened (`join_link.used`'s `outcome`). */
const JOIN_OUTCOMES: Record<string, string> = {
  redirect: 'sent to the meeting',
  too_early: 'before the visit window',
  not_ready: 'meeting not ready',
  gone: 'visit over or cancelled',
};

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  role: 'role',
  zoomUser: 'Zoom user',
  disabled: 'status',
  password: 'password',
  timezone: 'time zone',
  meetingTopic: 'meeting title',
  meetingAuthentication: 'Zoom sign-in',
};

/**
 * The event's details as one short line: "Wrong password", "Changed: name, Zoom user",
 * "GET /api/v1/clinics · not permitted". Details hold ids and flags only, never PHI.
 */
export function summarizeDetails(
  event: Pick<AuditEvent, 'action' | 'details'>,
  /** Times are shown in this zone and locale, as elsewhere in the dashboard; the viewer's by default. */
  { timeZone, locale }: { timeZone?: string; locale?: string } = {},
): string | null {
  const { action, details } = event;
  // Each detail said in words is taken; the rest are listed as they are, after them.
  const taken = new Set<string>();
  const take = (key: string): unknown => {
    taken.add(key);
    return details[key];
  };
  const text = (key: string): string | undefined => {
    const value = take(key);
    return typeof value === 'string' ? value : undefined;
  };
  const parts: string[] = [];
  const videoProvider = text('videoProvider');
  if (videoProvider) parts.push(VIDEO_PROVIDER_NAMES[videoProvider as VideoProviderKey] ?? videoProvider);
  const vendor = text('vendor');
  if (vendor !== undefined) parts.push(vendorName(vendor));
  const [method, route] = [text('method'), text('route')];
  if (method !== undefined && route !== undefined) parts.push(`${method} ${route}`);
  const reason = text('reason');
  if (reason) parts.push(REASONS[reason] ?? reason.replace(/_/g, ' '));
  const joinOutcome = action === 'join_link.used' ? text('outcome') : undefined;
  if (joinOutcome !== undefined) parts.push(JOIN_OUTCOMES[joinOutcome] ?? joinOutcome.replace(/_/g, ' '));
  const role = text('role') as keyof typeof ROLE_LABELS | undefined;
  if (role !== undefined) parts.push(`role: ${ROLE_LABELS[role] ?? role}`);
  const fields = text('fields');
  if (fields)
    parts.push(
      `changed: ${fields
        .split(',')
        .map((field) => FIELD_LABELS[field] ?? field)
        .join(', ')}`,
    );
  // A video account's scopes are the vendor's, space-separated; an API key's are televisit's,
  // comma-separated.
  const connection = action.startsWith('connection.');
  const scopes = text('scopes');
  if (scopes) {
    const labels = connection ? scopeLabels(scopes.split(' ')) : scopes.split(',').map(scopeLabel);
    parts.push(`scopes: ${labels.join(', ')}`);
  }
  const granted = connection ? text('grantedScopes') : undefined;
  if (granted !== undefined)
    parts.push(`granted: ${scopeLabels(granted.split(' ')).join(', ') || 'nothing'}`);
  const userId = connection ? text('userId') : undefined;
  if (userId !== undefined) parts.push(`user ${shortId(userId)}`);
  if (take('revokedAtVendor') === true) parts.push('access revoked at the vendor too');
  const providerId = text('providerId');
  if (providerId !== undefined) parts.push(`provider ${shortId(providerId)}`);
  if (take('external') === true) parts.push('with the EHR’s own id');
  // A patient link's repeats from one browser, counted into one row (join_link.used), said last.
  const { repeats, firstRepeatAt, lastRepeatAt } = details;
  const counted =
    typeof repeats === 'number' && typeof firstRepeatAt === 'string' && typeof lastRepeatAt === 'string';
  if (counted) for (const key of ['repeats', 'firstRepeatAt', 'lastRepeatAt']) taken.add(key);
  for (const [key, value] of Object.entries(details)) {
    if (!taken.has(key) && value !== null && value !== '') parts.push(`${key}: ${String(value)}`);
  }
  if (counted) {
    const shown = { locale, timeZone };
    const when = sameSecond(firstRepeatAt, lastRepeatAt)
      ? `at ${formatTime(lastRepeatAt, shown)}`
      : formatTimeRange(firstRepeatAt, lastRepeatAt, shown);
    parts.push(`opened ${repeats} more time${repeats === 1 ? '' : 's'}, ${when}`);
  }
  if (parts.length === 0) return null;
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** "5e2674f6-9a78-…" → "5e2674f6": enough to tell ids apart on screen. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
