/** Who hosts a meeting at the vendor, as the reconciler resolved it for the appointment's provider. */
export interface MeetingHost {
  /** The televisit provider (user id) the visit belongs to. */
  providerId: string;
  clinicId: string;
}

/** The desired state of a vendor meeting, from the appointment. Never carries PHI. */
export interface MeetingSpec {
  appointmentId: string;
  /** Opaque, unguessable, no PHI: put where the vendor keeps it (Zoom `agenda`) to find the meeting again. */
  marker: string;
  /** A neutral title (clinic-configurable), never the patient's name. */
  topic: string;
  startTime: Date;
  durationMinutes: number;
  /** IANA zone the visit is booked in. */
  timezone: string;
  /** Require participants to sign in to the vendor (off by default: patients rarely have accounts). */
  requireAuthentication: boolean;
}

export type MeetingHostedBy = 'provider' | 'clinic';

/** What the vendor confirmed. `settings` is what the vendor returned, not what was sent. */
export interface VendorMeeting {
  vendorMeetingId: string;
  /** Zoom's meeting uuid; null where the vendor has none. */
  vendorMeetingUuid: string | null;
  /** The vendor account hosting it (Zoom user id, Google calendar owner). */
  hostAccountId: string;
  /**
   * Whose account that is: the provider's own connection, or the clinic's account acting for them.
   * Absent for meetings recorded before it was kept.
   */
  hostedBy?: MeetingHostedBy;
  joinUrl: string;
  passcode: string | null;
  settings: Record<string, unknown>;
}

/** A host link minted at request time; never stored. */
export interface HostLink {
  url: string;
  expiresAt: Date;
}

/**
 * The `VideoProviderError` code for a meeting the vendor no longer has: the appointment's meeting fails
 * for good (shown, audited) and is never silently recreated.
 */
export const MEETING_NOT_FOUND = 'meeting_not_found';

/**
 * The `VideoProviderError` code for a meeting the vendor will not change while it is under way: tried
 * again as usual, it goes through once the visit is over.
 */
export const MEETING_IN_PROGRESS = 'meeting_in_progress';

/**
 * The `VideoProviderError` code for a request the vendor refuses as such (its account, plan or settings
 * forbid it): asking again as it is cannot help, so a person must look (the vendor's code is logged).
 */
export const VENDOR_REFUSED = 'vendor_refused';

/** The vendor refused for a reason the caller can act on; `code` is stable (e.g. zoom_not_connected, rate_limited). */
export class VideoProviderError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** When to try again (rate limits); undefined when retrying cannot help without a change. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'VideoProviderError';
  }
}

/**
 * What a video vendor offers the reconciler. Mapping depends on this port; the Zoom and Google Meet
 * modules implement it. Mapping never names a vendor.
 */
export interface VideoProvider {
  /** Stable key stored on the appointment, e.g. `zoom` or `google_meet`. */
  readonly key: string;
  /**
   * Creates the meeting, exactly once per appointment: when `retrying`, first look for a meeting
   * carrying `spec.marker` and adopt it instead of creating another.
   */
  create(host: MeetingHost, spec: MeetingSpec, retrying: boolean): Promise<VendorMeeting>;
  /** Moves the same meeting (same join link). */
  update(host: MeetingHost, meeting: VendorMeeting, spec: MeetingSpec): Promise<VendorMeeting>;
  /** Deletes it; a meeting already gone counts as deleted. */
  delete(host: MeetingHost, meeting: VendorMeeting): Promise<void>;
  /** Reads it as the vendor has it now; null when it no longer exists. */
  read(host: MeetingHost, meeting: VendorMeeting): Promise<VendorMeeting | null>;
  /** A fresh host ("start") link from the vendor's current state of the meeting. */
  hostLink(host: MeetingHost, meeting: VendorMeeting): Promise<HostLink>;
}

export const VIDEO_PROVIDERS = Symbol('VIDEO_PROVIDERS');
