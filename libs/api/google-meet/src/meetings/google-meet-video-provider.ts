import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Clock } from '@televisit/api-core';
import {
  type HostLink,
  type MeetingHost,
  type MeetingSpec,
  type VendorMeeting,
  type VideoProvider,
  MEETING_NOT_FOUND,
  VideoProviderError,
  VideoProviders,
} from '@televisit/api-mapping';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { settledConference, SETTLE_WAIT_MS } from './conference-settling';
import { isDuplicate, isGone, isTokenRejected, rateLimitRetryAt } from './google-api-errors';
import { GoogleCalendarEvents } from './google-calendar-events.client';
import {
  type CalendarEvent,
  eventIdFor,
  conferenceRequestIdFor,
  GOOGLE_MEET,
  matchesSchedule,
  meetRequest,
  newEventBody,
  scheduleFields,
} from './google-meet-event-body';
import {
  conferenceMissing,
  conferenceState,
  type EventHost,
  isCancelled,
  toVendorMeeting,
  videoLink,
} from './google-meet-event-view';
import { GoogleOAuthClient } from '../oauth/google-oauth.client';
import { GoogleCalendarSync } from '../sync/google-calendar-sync';
import { type GoogleActingHost, GoogleMeetHosts } from './google-meet-hosts';

/**
 * How long a host link is promised to work: the same two hours the API promises for Zoom's start URL.
 * A Meet link itself does not expire (the organizer, signed in, joins as host), but callers are told to
 * fetch a fresh one at visit time for every vendor alike.
 */
export const HOST_LINK_LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * The Google Meet implementation of the reconciler's VideoProvider port: a Calendar event with a Meet
 * conference on the provider's own primary calendar (there is no clinic-wide Google account). The event
 * id is derived from the appointment id, so an insert is idempotent (a repeat answers 409 and the event
 * is adopted) and `retrying` needs no search. Events are private, guests may do nothing, nobody is
 * invited or mailed, and only the neutral title and the opaque marker reach Google. Meet links and
 * tokens are never logged; event ids may be.
 */
@Injectable()
export class GoogleMeetVideoProvider implements VideoProvider, OnModuleInit {
  readonly key = GOOGLE_MEET;
  private readonly logger = new Logger(GoogleMeetVideoProvider.name);

  constructor(
    private readonly registry: VideoProviders,
    private readonly hosts: GoogleMeetHosts,
    private readonly events: GoogleCalendarEvents,
    private readonly clock: Clock,
    private readonly oauth: GoogleOAuthClient,
    private readonly calendars: GoogleCalendarSync,
  ) {}

  /**
   * Offered only where providers can connect Google (its OAuth client is configured): elsewhere a Google
   * Meet booking is refused at once (422 video_provider_unavailable) rather than left failing.
   */
  onModuleInit(): void {
    if (this.oauth.configured) this.registry.register(this);
  }

  create(host: MeetingHost, spec: MeetingSpec): Promise<VendorMeeting> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host);
      const body = newEventBody(spec);
      const eventId = eventIdFor(spec.appointmentId);
      let event: CalendarEvent;
      try {
        event = await this.call(acting, (token) => this.events.insert(token, body));
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        // Made by an earlier attempt whose answer was lost: adopt it.
        event = await this.adopt(acting, eventId, spec);
      }
      const settled = await settledConference(
        event,
        () => this.existing(acting, eventId),
        () => sleep(SETTLE_WAIT_MS),
      );
      const meeting = toVendorMeeting(settled, { hostAccountId: acting.accountId, hostedBy: 'provider' });
      await this.watch(acting);
      return meeting;
    });
  }

  update(host: MeetingHost, meeting: VendorMeeting, spec: MeetingSpec): Promise<VendorMeeting> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      const event = await this.patched(acting, meeting.vendorMeetingId, scheduleFields(spec));
      if (isCancelled(event)) throw noSuchEvent();
      await this.watch(acting);
      return toVendorMeeting(event, hostOf(meeting));
    });
  }

  /**
   * An event an earlier attempt inserted (its answer lost), made what `spec` books, in one PATCH or
   * none: its Meet asked for again if Google failed it then (Meet turned off for the organizer, say;
   * under a new request id, since Google ignores a repeated one), its times moved if the appointment
   * moved since. One deleted in Google stays deleted (a new event would give the patient a new link).
   */
  private async adopt(acting: GoogleActingHost, eventId: string, spec: MeetingSpec): Promise<CalendarEvent> {
    const event = await this.existing(acting, eventId);
    this.logger.log(`adopting Google event ${eventId}, inserted by an earlier attempt`);
    const meetAgain = conferenceState(event) === 'failure';
    const changes: CalendarEvent = {
      ...(matchesSchedule(event, spec) ? {} : scheduleFields(spec)),
      ...(meetAgain
        ? {
            conferenceData: meetRequest(
              conferenceRequestIdFor(spec.appointmentId, randomBytes(4).toString('hex')),
            ),
          }
        : {}),
    };
    return Object.keys(changes).length > 0 ? this.patched(acting, eventId, changes, meetAgain) : event;
  }

  /** events.patch of an event that must still be there, else `meeting_not_found`. */
  private patched(
    acting: GoogleActingHost,
    eventId: string,
    changes: CalendarEvent,
    conference = false,
  ): Promise<CalendarEvent> {
    return this.call(acting, (token) => this.events.patch(token, eventId, changes, { conference })).catch(
      (error: unknown) => {
        throw isGone(error) ? noSuchEvent() : error;
      },
    );
  }

  delete(host: MeetingHost, meeting: VendorMeeting): Promise<void> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      try {
        await this.call(acting, (token) => this.events.delete(token, meeting.vendorMeetingId));
      } catch (error) {
        // 410: deleted already (by an earlier attempt, or in Google Calendar).
        if (isGone(error)) return;
        throw error;
      }
    });
  }

  read(host: MeetingHost, meeting: VendorMeeting): Promise<VendorMeeting | null> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      const event = await this.find(acting, meeting.vendorMeetingId);
      return event ? toVendorMeeting(event, hostOf(meeting)) : null;
    });
  }

  /**
   * From a calendar's first visit on, changes made to it in Google are looked for (deletions, above
   * all). A failure here must not fail the meeting, which exists: the next create or move tries again.
   */
  private async watch(acting: GoogleActingHost): Promise<void> {
    await this.calendars
      .track(acting.providerId, acting.accountId)
      .catch((error: unknown) =>
        this.logger.warn(
          `could not keep the Google calendar of ${acting.providerId} in step: ${String(error)}`,
        ),
      );
  }

  hostLink(host: MeetingHost, meeting: VendorMeeting): Promise<HostLink> {
    return this.guard(async () => {
      const acting = await this.hosts.resolve(host, meeting);
      const issuedAt = this.clock.now().getTime();
      const event = await this.find(acting, meeting.vendorMeetingId);
      if (!event) throw noSuchEvent();
      // Meet has no separate start link: the event's current Meet link, opened by the signed-in organizer.
      const url = videoLink(event);
      if (!url) throw conferenceMissing();
      return { url, expiresAt: new Date(issuedAt + HOST_LINK_LIFETIME_MS) };
    });
  }

  /** events.get, or undefined when Google no longer has the event (404, 410, or deleted: `cancelled`). */
  private async find(acting: GoogleActingHost, eventId: string): Promise<CalendarEvent | undefined> {
    try {
      const event = await this.call(acting, (token) => this.events.get(token, eventId));
      return isCancelled(event) ? undefined : event;
    } catch (error) {
      if (isGone(error)) return undefined;
      throw error;
    }
  }

  /** events.get of an event that must still be there, else `meeting_not_found`. */
  private async existing(acting: GoogleActingHost, eventId: string): Promise<CalendarEvent> {
    const event = await this.find(acting, eventId);
    if (!event) throw noSuchEvent();
    return event;
  }

  /**
   * One Calendar call. A token Google refuses (401) although auth held it fresh was revoked or expired
   * behind our back: renew it once (a refresh, or `connection_needs_reauth` if the grant is gone) and
   * ask again; later calls of the same operation use the renewed token.
   */
  private async call<T>(acting: GoogleActingHost, request: (accessToken: string) => Promise<T>): Promise<T> {
    try {
      return await request(acting.accessToken);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      acting.accessToken = (await this.hosts.renew(acting)).accessToken;
      return request(acting.accessToken);
    }
  }

  /** Rate limits become the port's `rate_limited`, with when to come back. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const retryAt = rateLimitRetryAt(error, this.clock.now());
      if (retryAt) throw new VideoProviderError('rate_limited', 'Google asked us to slow down.', retryAt);
      throw error;
    }
  }
}

/** An existing meeting keeps the host it was recorded with. */
function hostOf(meeting: VendorMeeting): EventHost {
  return { hostAccountId: meeting.hostAccountId, hostedBy: meeting.hostedBy ?? 'provider' };
}

function noSuchEvent(): VideoProviderError {
  return new VideoProviderError(MEETING_NOT_FOUND, 'The Google Calendar event no longer exists.');
}
