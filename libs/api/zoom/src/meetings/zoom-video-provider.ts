import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import { type HttpMethod, RateLimitedError } from '@televisit/api-http';
import {
  type HostLink,
  type MeetingHost,
  type MeetingHostedBy,
  type MeetingSpec,
  type VendorMeeting,
  type VideoProvider,
  MEETING_IN_PROGRESS,
  MEETING_NOT_FOUND,
  VENDOR_REFUSED,
  VideoProviderError,
  VideoProviders,
} from '@televisit/api-mapping';
import { ZoomApiClient, ZoomApiError } from '../zoom-api.client';
import {
  createMeetingBody,
  matchesSchedule,
  meetingPasscode,
  scheduleFields,
  START_URL_LIFETIME_MS,
  toVendorMeeting,
  type ZoomMeetingPage,
  type ZoomMeetingView,
} from './zoom-meeting-body';
import { type ZoomActingHost, ZoomMeetingHosts } from './zoom-meeting-hosts';

/** Zoom's error codes: meeting not found or expired; user does not exist or is not in the account. */
const ZOOM_MEETING_NOT_FOUND = 3001;
const ZOOM_USER_NOT_FOUND = 1001;
/** Zoom's refusal to update a meeting, among others of one that has started. */
const ZOOM_CANNOT_UPDATE = 3000;
/** Zoom will not delete a meeting in progress (3002) or one that has ended (3007): it keeps them. */
const ZOOM_MEETING_UNDELETABLE = new Set([3002, 3007]);
/** Zoom's list answers at most this many meetings a page. */
const LIST_PAGE_SIZE = 300;
/** A host with more scheduled meetings than this is not something a clinic has: stop paging. */
const MAX_LIST_PAGES = 50;
/** `agenda` comes back cut to this many characters in a meeting list. */
const LISTED_AGENDA_LENGTH = 250;
/** A meeting this close to (or past) its start may already have left Zoom's `upcoming` list. */
const UPCOMING_EDGE_MS = 10 * 60 * 1000;
/** A per-second throttle that outlasted the client's retries: try again shortly. */
const THROTTLE_RETRY_MS = 60 * 1000;

/**
 * The Zoom implementation of the reconciler's VideoProvider port. Meetings are hosted by the
 * provider's own Zoom user (their connection, else the clinic's Server-to-Server account acting as
 * their `zoomUser`), are created with every privacy setting explicit, carry the appointment's opaque
 * marker in `agenda` so a retried create adopts rather than duplicates, and report what Zoom answered.
 * Vendor ids in paths are redacted from logs; join URLs, passcodes and start URLs are never logged,
 * and start URLs are never kept.
 */
@Injectable()
export class ZoomVideoProvider implements VideoProvider, OnModuleInit {
  readonly key = 'zoom';
  private readonly logger = new Logger(ZoomVideoProvider.name);

  constructor(
    private readonly registry: VideoProviders,
    private readonly hosts: ZoomMeetingHosts,
    private readonly api: ZoomApiClient,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  create(host: MeetingHost, spec: MeetingSpec, retrying: boolean): Promise<VendorMeeting> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host);
      if (retrying) {
        const adopted = await this.findMarked(acting, spec);
        if (adopted) return toVendorMeeting(await this.asBooked(acting, adopted, spec), hostedBy(acting));
      }
      try {
        const created = await this.call<ZoomMeetingView>(acting, 'POST', userPath(acting, '/meetings'), {
          body: createMeetingBody(spec, meetingPasscode()),
        });
        return toVendorMeeting(created, hostedBy(acting));
      } catch (error) {
        throw userNotFound(error, acting) ?? error;
      }
    });
  }

  update(host: MeetingHost, meeting: VendorMeeting, spec: MeetingSpec): Promise<VendorMeeting> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      const fresh = await this.reschedule(acting, meeting.vendorMeetingId, spec);
      return toVendorMeeting(fresh, meeting.hostedBy ?? hostedBy(acting));
    });
  }

  delete(host: MeetingHost, meeting: VendorMeeting): Promise<void> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      try {
        await this.call<void>(acting, 'DELETE', meetingPath(meeting), { redact: [meeting.vendorMeetingId] });
      } catch (error) {
        if (isMeetingNotFound(error)) return;
        // The visit is under way or over: Zoom keeps the meeting, and no retry can change that (one
        // under way is refused again, as over, once it ends). The patient's link is closed already.
        if (
          error instanceof ZoomApiError &&
          error.status === 400 &&
          ZOOM_MEETING_UNDELETABLE.has(error.code ?? 0)
        ) {
          this.logger.log(
            `Zoom keeps a cancelled appointment's meeting: it has started (code ${error.code})`,
          );
          return;
        }
        throw error;
      }
    });
  }

  read(host: MeetingHost, meeting: VendorMeeting): Promise<VendorMeeting | null> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      const view = await this.get(acting, meeting.vendorMeetingId);
      return view ? toVendorMeeting(view, meeting.hostedBy ?? hostedBy(acting)) : null;
    });
  }

  hostLink(host: MeetingHost, meeting: VendorMeeting): Promise<HostLink> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      // Counted from before the request: Zoom's two hours start when it mints the link.
      const issuedAt = this.clock.now().getTime();
      const view = await this.get(acting, meeting.vendorMeetingId);
      if (!view) throw noSuchMeeting();
      if (!view.start_url) throw new Error('Zoom answered a meeting without a start_url');
      return { url: view.start_url, expiresAt: new Date(issuedAt + START_URL_LIFETIME_MS) };
    });
  }

  /**
   * A refused move of a meeting the host has started (Zoom's 3000 words other refusals too, so the
   * meeting's own status decides): `meeting_in_progress`, retried until the visit is over.
   */
  private async underWay(
    acting: ZoomActingHost,
    meetingId: string,
    error: unknown,
  ): Promise<VideoProviderError | undefined> {
    if (!(error instanceof ZoomApiError) || error.status !== 400 || error.code !== ZOOM_CANNOT_UPDATE) {
      return undefined;
    }
    const view = await this.get(acting, meetingId);
    if (view?.status !== 'started') return undefined;
    return new VideoProviderError(
      MEETING_IN_PROGRESS,
      'The Zoom meeting is in progress; Zoom moves it only once it has ended.',
    );
  }

  /** An adopted meeting, moved to where `spec` books it if an earlier attempt made it elsewhere. */
  private async asBooked(
    acting: ZoomActingHost,
    view: ZoomMeetingView,
    spec: MeetingSpec,
  ): Promise<ZoomMeetingView> {
    return matchesSchedule(view, spec) ? view : this.reschedule(acting, String(view.id), spec);
  }

  /** `PATCH` of the fields an appointment decides, then the meeting as Zoom has it now. */
  private async reschedule(
    acting: ZoomActingHost,
    meetingId: string,
    spec: MeetingSpec,
  ): Promise<ZoomMeetingView> {
    try {
      await this.call<void>(acting, 'PATCH', `/meetings/${encodeURIComponent(meetingId)}`, {
        body: scheduleFields(spec),
        redact: [meetingId],
      });
    } catch (error) {
      throw meetingGone(error) ?? (await this.underWay(acting, meetingId, error)) ?? error;
    }
    const fresh = await this.get(acting, meetingId);
    if (!fresh) throw noSuchMeeting();
    return fresh;
  }

  /** The meeting carrying the marker among the host's upcoming meetings, read in full; else undefined. */
  private async findMarked(acting: ZoomActingHost, spec: MeetingSpec): Promise<ZoomMeetingView | undefined> {
    const types = ['upcoming'];
    if (spec.startTime.getTime() <= this.clock.now().getTime() + UPCOMING_EDGE_MS) types.push('scheduled');
    const seen = new Set<string>();
    for (const type of types) {
      let pageToken = '';
      for (let page = 0; page < MAX_LIST_PAGES; page++) {
        const query = new URLSearchParams({ type, page_size: String(LIST_PAGE_SIZE) });
        if (pageToken) query.set('next_page_token', pageToken);
        const answer = await this.call<ZoomMeetingPage>(
          acting,
          'GET',
          userPath(acting, `/meetings?${query.toString()}`),
        ).catch((error: unknown) => {
          throw userNotFound(error, acting) ?? error;
        });
        for (const listed of answer.meetings ?? []) {
          const id = String(listed.id);
          if (seen.has(id) || !mayCarry(listed.agenda, spec.marker)) continue;
          seen.add(id);
          const full = await this.get(acting, id);
          if (full && full.agenda === spec.marker) return full;
        }
        pageToken = answer.next_page_token ?? '';
        if (!pageToken) break;
      }
    }
    return undefined;
  }

  /** `GET /meetings/{id}`, or undefined when Zoom no longer has it. */
  private async get(acting: ZoomActingHost, meetingId: string): Promise<ZoomMeetingView | undefined> {
    try {
      return await this.call<ZoomMeetingView>(acting, 'GET', `/meetings/${encodeURIComponent(meetingId)}`, {
        redact: [meetingId],
      });
    } catch (error) {
      if (isMeetingNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * One Zoom call. A token Zoom refuses (401) although it looked fresh is renewed once and the call
   * made again (a refused call did nothing at Zoom); later calls of the same operation use the new token.
   */
  private async call<T>(
    acting: ZoomActingHost,
    method: HttpMethod,
    path: string,
    options: { body?: object; redact?: string[] } = {},
  ): Promise<T> {
    const send = () =>
      this.api.call<T>(method, path, acting.accessToken, {
        ...(options.body ? { body: options.body } : {}),
        redact: [...acting.redact, ...(options.redact ?? [])].flatMap(bothForms),
      });
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ZoomApiError) || error.status !== 401) throw error;
      await acting.renew();
      return send();
    }
  }

  /** Rate limits become the port's `rate_limited`, with when to come back. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RateLimitedError) {
        throw new VideoProviderError(
          'rate_limited',
          error.quota
            ? "Zoom's daily limit of meeting creates and updates for this host is reached."
            : 'Zoom asked us to slow down.',
          error.retryAt,
        );
      }
      if (error instanceof ZoomApiError && error.status === 429) {
        throw new VideoProviderError(
          'rate_limited',
          'Zoom asked us to slow down.',
          new Date(this.clock.now().getTime() + THROTTLE_RETRY_MS),
        );
      }
      if (error instanceof ZoomApiError && error.status === 400) {
        // Zoom's code only: its message may name the host's email.
        this.logger.warn(`Zoom refused a request: ${error.message}`);
        throw new VideoProviderError(
          VENDOR_REFUSED,
          `Zoom refused the request (code ${error.code ?? 'none'}); the host's Zoom account or its settings forbid it.`,
        );
      }
      throw error;
    }
  }
}

/**
 * Whose account a meeting is on, from the call that made (or first re-read) it; an existing meeting's
 * own record wins, since a provider may later connect the very Zoom user the clinic's account hosts it on.
 */
function hostedBy(acting: ZoomActingHost): MeetingHostedBy {
  return acting.via === 'connection' ? 'provider' : 'clinic';
}

function userPath(acting: ZoomActingHost, rest: string): string {
  return `/users/${encodeURIComponent(acting.userId)}${rest}`;
}

function meetingPath(meeting: VendorMeeting): string {
  return `/meetings/${encodeURIComponent(meeting.vendorMeetingId)}`;
}

/** A value as written and as it appears percent-encoded in a path (an email's `@` is `%40`). */
export function bothForms(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return encoded === value ? [value] : [value, encoded];
}

/** Whether a listed meeting's (possibly cut) agenda may be the marker; the full read decides. */
function mayCarry(listedAgenda: string | undefined, marker: string): boolean {
  if (!listedAgenda) return false;
  if (listedAgenda === marker) return true;
  return listedAgenda.length >= LISTED_AGENDA_LENGTH && marker.startsWith(listedAgenda);
}

function isMeetingNotFound(error: unknown): boolean {
  return error instanceof ZoomApiError && error.status === 404 && error.code === ZOOM_MEETING_NOT_FOUND;
}

function noSuchMeeting(): VideoProviderError {
  return new VideoProviderError(MEETING_NOT_FOUND, 'The Zoom meeting no longer exists.');
}

function meetingGone(error: unknown): VideoProviderError | undefined {
  return isMeetingNotFound(error) ? noSuchMeeting() : undefined;
}

function userNotFound(error: unknown, acting: ZoomActingHost): VideoProviderError | undefined {
  if (acting.via !== 'account' || !(error instanceof ZoomApiError) || error.status !== 404) return undefined;
  if (error.code !== ZOOM_USER_NOT_FOUND) return undefined;
  return new VideoProviderError(
    'zoom_user_not_found',
    "The provider's Zoom user is not a user of the clinic's Zoom account; a clinic admin must correct it.",
  );
}
