/** What an appointment's timeline records, whichever vendor reported it. */
export const TIMELINE_KINDS = [
  'meeting.started',
  'meeting.ended',
  'participant.joined',
  'participant.left',
  'meeting.deleted',
  'meeting.moved',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const PARTICIPANT_ROLES = ['host', 'guest'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * Details of a timeline entry: roles, counts, flags and the times a vendor reports. Never PHI: no
 * names, emails, phone numbers or meeting topics.
 */
export interface TimelineDetails {
  /** participant.*: whether the host or a guest joined or left. */
  role?: ParticipantRole;
  /** participant.*: how many were in the meeting after this event, as far as the timeline knows. */
  participants?: number;
  /** meeting.deleted: `televisit` when the appointment was cancelled here first, else `vendor`. */
  deletedBy?: 'televisit' | 'vendor';
  /** meeting.moved: when the vendor has the meeting starting now (ISO 8601, UTC). */
  startTime?: string;
  /** meeting.moved: how long the vendor has the meeting lasting now, in minutes. */
  durationMinutes?: number;
  /** meeting.moved: false when it was left there (moved too often at the vendor), for a person. */
  movedBack?: boolean;
}

/** An event about a vendor meeting, as a vendor adapter reports it (the port vendors call). */
export interface VendorMeetingEvent {
  vendor: string;
  vendorMeetingId: string;
  kind: TimelineKind;
  occurredAt: Date;
  details?: TimelineDetails;
}

/** A vendor webhook event to queue: its identity for dedupe, and the meeting event it carries. */
export interface InboundVendorEvent extends VendorMeetingEvent {
  /** The vendor's id for the event (or a digest of what identifies it), at most 64 characters. */
  eventId: string;
  /** The vendor's own name for the event, e.g. `meeting.participant_joined`. */
  eventType: string;
}

/** The error an appointment records when its meeting was deleted at the vendor, not by televisit. */
export const MEETING_DELETED_AT_VENDOR = 'meeting_deleted_at_vendor';
/** The error an appointment records when its meeting kept being moved at the vendor and was left there. */
export const MOVED_AT_VENDOR_REPEATEDLY = 'moved_at_vendor_repeatedly';

/** Keeps only the known, non-PHI detail fields (stored rows are parsed through this too). */
export function cleanDetails(input: unknown): TimelineDetails {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const details: TimelineDetails = {};
  if (raw['role'] === 'host' || raw['role'] === 'guest') details.role = raw['role'];
  if (typeof raw['participants'] === 'number' && Number.isInteger(raw['participants'])) {
    details.participants = Math.max(0, raw['participants']);
  }
  if (raw['deletedBy'] === 'televisit' || raw['deletedBy'] === 'vendor') details.deletedBy = raw['deletedBy'];
  if (typeof raw['movedBack'] === 'boolean') details.movedBack = raw['movedBack'];
  const startTime = instant(raw['startTime']);
  if (startTime) details.startTime = startTime;
  const duration = raw['durationMinutes'];
  if (typeof duration === 'number' && Number.isInteger(duration) && duration > 0 && duration <= MAX_MINUTES) {
    details.durationMinutes = duration;
  }
  return details;
}

/** A week: longer is not a visit (and not a number worth keeping). */
const MAX_MINUTES = 7 * 24 * 60;

/** An ISO 8601 date-time with its zone (`Z` or an offset), as UTC; anything else is dropped. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value))
    return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

export function parseDetails(json: string | null): TimelineDetails {
  if (!json) return {};
  try {
    return cleanDetails(JSON.parse(json));
  } catch {
    return {};
  }
}
