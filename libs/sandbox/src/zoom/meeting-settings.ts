import type { ZoomAccount } from './zoom-store';
import { passcode } from './zoom-ids';

/**
 * The settings a new meeting gets from a fresh Pro account (what `GET /meetings/{id}` shows when the
 * caller sent none). Zoom answers with the full set, not just what was sent.
 */
const ACCOUNT_DEFAULTS: Readonly<Record<string, unknown>> = {
  host_video: false,
  participant_video: false,
  cn_meeting: false,
  in_meeting: false,
  join_before_host: false,
  jbh_time: 0,
  mute_upon_entry: false,
  watermark: false,
  use_pmi: false,
  approval_type: 2,
  audio: 'voip',
  auto_recording: 'none',
  enforce_login: false,
  enforce_login_domains: '',
  alternative_hosts: '',
  alternative_host_update_polls: false,
  close_registration: false,
  show_share_button: false,
  allow_multiple_devices: false,
  registrants_confirmation_email: true,
  waiting_room: true,
  registrants_email_notification: true,
  meeting_authentication: false,
  encryption_type: 'enhanced_encryption',
  approved_or_denied_countries_or_regions: { enable: false },
  breakout_room: { enable: false },
  alternative_hosts_email_notification: true,
  email_notification: true,
  focus_mode: false,
  private_meeting: false,
  host_save_video_order: false,
  sign_language_interpretation: { enable: false },
  internal_meeting: false,
  continuous_meeting_chat: { enable: false, auto_add_invited_external_users: false },
  participant_focused_meeting: false,
  push_change_to_calendar: false,
  resources: [],
};

/** Request-only settings (who to invite, where to route media) that Zoom acts on but does not echo. */
const NOT_ECHOED = new Set([
  'meeting_invitees',
  'additional_data_center_regions',
  'authentication_exception',
]);

export function defaultSettings(): Record<string, unknown> {
  return structuredClone(ACCOUNT_DEFAULTS);
}

/** `current` with what the caller sent laid over it; nested objects merge one level deep. */
export function mergeSettings(current: Record<string, unknown>, sent: unknown): Record<string, unknown> {
  const merged = structuredClone(current);
  if (!sent || typeof sent !== 'object') return merged;
  for (const [key, value] of Object.entries(sent as Record<string, unknown>)) {
    if (NOT_ECHOED.has(key) || value === undefined) continue;
    const previous = merged[key];
    merged[key] =
      isPlainObject(previous) && isPlainObject(value) ? { ...previous, ...value } : structuredClone(value);
  }
  return merged;
}

/**
 * Zoom keeps a meeting protected whatever the API caller asked: settings the account locked on come
 * back on, and a meeting with neither passcode, waiting room nor authentication gets its waiting room.
 * Returns the password the meeting ends up with ('' for none).
 */
export function enforceSecurity(
  account: ZoomAccount,
  settings: Record<string, unknown>,
  password: string,
): string {
  let result = password;
  if (account.forced.passcode && !result) result = passcode();
  if (account.forced.waitingRoom) settings['waiting_room'] = true;
  if (!result && settings['waiting_room'] !== true && settings['meeting_authentication'] !== true) {
    settings['waiting_room'] = true;
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
