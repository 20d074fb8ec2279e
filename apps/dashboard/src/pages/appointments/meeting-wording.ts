import { type Schemas } from '@televisit/api-client';

export type Appointment = Schemas['Appointment'];
export type AppointmentStatus = Appointment['status'];
export type MeetingStatus = Appointment['meeting']['status'];
export type VideoProviderKey = Appointment['videoProvider'];

export const VIDEO_PROVIDER_NAMES: Record<VideoProviderKey, string> = {
  zoom: 'Zoom',
  google_meet: 'Google Meet',
};

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  scheduled: 'Scheduled',
  cancelled: 'Cancelled',
  completed: 'Completed',
};

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  scheduled: 'blue',
  cancelled: 'gray',
  completed: 'green',
};

/** Who is reading: the fix for a failed meeting is on another page for a provider than for an admin. */
export type Viewer = 'provider' | 'admin';

/** Where the viewer fixes a failure: their own connections, or the clinic's Zoom account. */
export type FixPage = 'connections' | 'zoom-account';

export interface MeetingState {
  /** The badge: "Preparing", "Ready", "Failed", "Cancelled". */
  label: string;
  color: string;
  /** The work is still going on (a spinner beside the label). */
  busy: boolean;
  /** Why it failed or is waiting, in words; null when there is nothing to say. */
  reason: string | null;
}

export interface NextStep {
  text: string;
  /** The page that fixes it, when there is one the viewer may open. */
  page?: FixPage;
  linkLabel?: string;
}

/**
 * The vendor meeting's state in words. A pending meeting with an error is being retried (Zoom's
 * daily limit, a vendor that did not answer); a failed one waits for a person.
 */
export function describeMeeting({ meeting, videoProvider, status }: Appointment): MeetingState {
  const reason = meeting.lastError ? failureReason(meeting.lastError, videoProvider) : null;
  if (status === 'cancelled' && meeting.status !== 'cancelled') {
    return { label: 'Deleting', color: 'gray', busy: true, reason };
  }
  switch (meeting.status) {
    case 'pending':
      return { label: 'Preparing', color: 'blue', busy: true, reason };
    case 'ready':
      // Ready and joinable, but not where the booking says (left there, or under way and moved once it
      // ends): the things about a ready meeting to tell.
      return {
        label: 'Ready',
        color: 'green',
        busy: false,
        reason: movedAway(meeting.lastError) || underWay(meeting.lastError) ? reason : null,
      };
    case 'failed':
      return {
        label: 'Failed',
        color: 'red',
        busy: false,
        reason: reason ?? `The ${VIDEO_PROVIDER_NAMES[videoProvider]} meeting couldn’t be created.`,
      };
    case 'cancelled':
      return { label: 'Cancelled', color: 'gray', busy: false, reason: null };
  }
}

/** A `meeting.lastError` code as a sentence; unknown codes are named, never hidden. */
export function failureReason(code: string, videoProvider: VideoProviderKey): string {
  const vendor = VIDEO_PROVIDER_NAMES[videoProvider];
  switch (code) {
    case 'zoom_not_connected':
      return 'The provider hasn’t connected Zoom, and the clinic’s Zoom account has no Zoom user for them.';
    case 'google_not_connected':
      return 'The provider hasn’t connected their Google account, whose calendar holds Google Meet visits.';
    case 'connection_needs_reauth':
      return `${vendor} stopped accepting the provider’s connection (it was revoked or expired).`;
    case 'not_connected':
      return `The provider hasn’t connected ${vendor}.`;
    case 'connection_not_offered':
      return `This televisit server no longer offers ${vendor} connections, so the provider’s own ${vendor} connection can’t be used.`;
    case 'zoom_user_not_found':
      return 'The Zoom user chosen for this provider no longer exists on the clinic’s Zoom account.';
    case 'host_not_connected':
      return `The meeting is on the provider’s own ${vendor} account, which is no longer connected to televisit. The patient’s link still works.`;
    case 'rate_limited':
      return `${vendor}’s daily limit for creating meetings was reached. televisit tries again when it resets.`;
    case 'video_provider_unavailable':
      return `${vendor} meetings aren’t available on this televisit server.`;
    case 'meeting_not_found':
      return `The meeting was deleted in ${vendor}.`;
    case 'meeting_deleted_at_vendor':
      return `${vendor} reports that the meeting was deleted there.`;
    case 'vendor_error':
      return `${vendor} didn’t answer as expected. televisit tries again shortly.`;
    case 'vendor_refused':
      return `${vendor} refused televisit’s request for this meeting: a setting or the plan of the host’s ${vendor} account forbids it.`;
    case 'meeting_in_progress':
      return `The ${vendor} meeting is under way: ${vendor} lets televisit change a meeting only once it has ended; televisit then moves it to the booked time.`;
    case 'conference_failed':
      return 'Google Calendar made the event, but Google couldn’t add a Meet video call to it.';
    case 'conference_missing':
      return 'The Google Meet video call was removed from the event in Google Calendar.';
    case 'moved_at_vendor_repeatedly':
      return `The meeting keeps being moved in ${vendor} (another calendar tool, perhaps). televisit moved it back three times today and now leaves it where ${vendor} has it. The patient’s link still works.`;
    default:
      return `${vendor} refused to create the meeting (code ${code}).`;
  }
}

/** Why a vendor refuses televisit that only a person can set right (a connection, a vendor user). */
const FIXED_BY_A_PERSON = new Set([
  'zoom_not_connected',
  'google_not_connected',
  'connection_needs_reauth',
  'connection_not_offered',
  'not_connected',
  'host_not_connected',
  'zoom_user_not_found',
]);

/**
 * A refusal of a person-fixable kind (say, of a host link: the provider's account was disconnected), in
 * the words of a failed meeting and with what to do; null for anything else.
 */
export function personToFix(
  code: string | undefined,
  videoProvider: VideoProviderKey,
  viewer: Viewer,
): { reason: string; step: NextStep } | null {
  if (!code || !FIXED_BY_A_PERSON.has(code)) return null;
  return { reason: failureReason(code, videoProvider), step: nextStep(code, viewer) };
}

/** A ready meeting the vendor will not move while it runs: televisit moves it once it has ended. */
export function underWay(code: string | null): boolean {
  return code === 'meeting_in_progress';
}

/** A ready meeting televisit stopped moving back to the booking (it kept being moved at the vendor). */
export function movedAway(code: string | null): boolean {
  return code === 'moved_at_vendor_repeatedly';
}

/** What the viewer can do about a failed meeting (or one left where the vendor moved it), and where. */
export function nextStep(code: string | null, viewer: Viewer): NextStep {
  switch (code) {
    case 'zoom_not_connected':
      return viewer === 'provider'
        ? {
            text: 'Connect Zoom on the Connections page.',
            page: 'connections',
            linkLabel: 'Go to Connections',
          }
        : {
            text: 'Map this provider to a Zoom user on the Zoom account page, or ask them to connect their own Zoom account.',
            page: 'zoom-account',
            linkLabel: 'Go to Zoom account',
          };
    case 'google_not_connected':
      return viewer === 'provider'
        ? {
            text: 'Connect Google on the Connections page; the visit catches up as soon as it is connected.',
            page: 'connections',
            linkLabel: 'Go to Connections',
          }
        : { text: 'Ask the provider to connect Google on their Connections page.' };
    case 'host_not_connected':
      return viewer === 'provider'
        ? {
            text: 'Connect the same account again on the Connections page; the visit catches up as soon as it is connected.',
            page: 'connections',
            linkLabel: 'Go to Connections',
          }
        : { text: 'Ask the provider to connect the same account again on their Connections page.' };
    case 'connection_needs_reauth':
    case 'not_connected':
      return viewer === 'provider'
        ? {
            text: 'Reconnect on the Connections page.',
            page: 'connections',
            linkLabel: 'Go to Connections',
          }
        : { text: 'Ask the provider to reconnect on their Connections page.' };
    case 'connection_not_offered':
      return viewer === 'provider'
        ? {
            text: 'Ask whoever runs televisit to offer the connection again. Or disconnect it on the Connections page: new visits then use the clinic’s account where there is one, but meetings already on your own account stay out of televisit’s reach.',
            page: 'connections',
            linkLabel: 'Go to Connections',
          }
        : {
            text: 'Ask whoever runs televisit to offer the connection again, or ask the provider to disconnect it on their Connections page (new visits then use the clinic’s account where there is one).',
          };
    case 'zoom_user_not_found':
      return viewer === 'admin'
        ? {
            text: 'Choose another Zoom user for this provider on the Zoom account page.',
            page: 'zoom-account',
            linkLabel: 'Go to Zoom account',
          }
        : { text: 'Ask your clinic admin to choose your Zoom user again, or connect your own Zoom account.' };
    case 'meeting_not_found':
    case 'meeting_deleted_at_vendor':
    case 'video_provider_unavailable':
      return { text: 'Cancel this appointment and book it again with another video service.' };
    case 'vendor_refused':
      return {
        text: 'Look at the host’s video account settings and plan (the televisit server’s log names the vendor’s error code). televisit tries again every 15 minutes.',
      };
    case 'conference_failed':
      return {
        text: 'Check that Google Meet is turned on for the provider’s Google account: televisit asks Google for the Meet again every 15 minutes, and the patient’s link stays the same.',
      };
    case 'conference_missing':
      return {
        text: 'Cancel this appointment and book it again, then send the patient the new link.',
      };
    case 'moved_at_vendor_repeatedly':
      return {
        text: 'Find out what moves the meeting, then reschedule the appointment to the time you want: televisit moves the meeting there.',
      };
    default:
      return { text: 'televisit keeps trying. If it doesn’t clear up, tell your clinic admin.' };
  }
}

const FAST_POLL_MS = 2_000;
/** A meeting being retried (rate limit, vendor down) moves on the vendor's time, not ours. */
const SLOW_POLL_MS = 15_000;

/** Failures after which the vendor no longer has the meeting: televisit never recreates it by itself. */
const MEETING_GONE = new Set(['meeting_not_found', 'meeting_deleted_at_vendor']);

/** The heading over a failed meeting: it was never made, it is gone, or televisit cannot reach it. */
export function failureTitle({ meeting, videoProvider }: Appointment): string {
  const vendor = VIDEO_PROVIDER_NAMES[videoProvider];
  if (meeting.lastError && MEETING_GONE.has(meeting.lastError)) return `The ${vendor} meeting is gone`;
  if (meeting.vendorMeetingId === null) return `The ${vendor} meeting couldn’t be created`;
  return `televisit can’t keep the ${vendor} meeting up to date`;
}

/**
 * How often to ask again while meetings are being prepared (or deleted after a cancellation), or
 * wait for a person to fix what they failed on; false when every meeting has settled for good.
 */
export function pollInterval(appointments: readonly Appointment[]): number | false {
  const settling = appointments.filter(
    (a) => a.meeting.status === 'pending' || (a.status === 'cancelled' && a.meeting.status !== 'cancelled'),
  );
  if (settling.length > 0) {
    return settling.some((a) => a.meeting.lastError === null) ? FAST_POLL_MS : SLOW_POLL_MS;
  }
  // A failure a person can fix (connecting Zoom, perhaps in another tab) clears without this page
  // changing anything: keep asking, slowly. A meeting that is gone stays failed.
  const waiting = appointments.some(
    (a) =>
      a.status === 'scheduled' &&
      a.meeting.status === 'failed' &&
      !MEETING_GONE.has(a.meeting.lastError ?? '') &&
      a.meeting.lastError !== 'video_provider_unavailable',
  );
  return waiting ? SLOW_POLL_MS : false;
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
