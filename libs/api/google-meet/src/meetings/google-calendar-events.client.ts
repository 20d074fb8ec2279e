import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { GoogleOAuthClient } from '../oauth/google-oauth.client';
import { toCalendarError } from './google-api-errors';
import type { CalendarEvent } from './google-meet-event-body';

/** Every meeting lives on the host's own primary calendar. */
const CALENDAR_ID = 'primary';
/** No mail from Google to anyone: there are no attendees, and the visit's invitations are televisit's. */
const SEND_UPDATES = 'none';

/**
 * Calendar v3 events calls (googleapis) with one connection's access token, through the hardened HTTP
 * client. No logic: failures come out as toCalendarError reads them (google-api-errors.ts).
 */
@Injectable()
export class GoogleCalendarEvents {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oauth: GoogleOAuthClient,
  ) {}

  /** With `conferenceDataVersion=1`, without which Google ignores the conference request. */
  insert(accessToken: string, event: CalendarEvent): Promise<CalendarEvent> {
    return answered(
      this.events(accessToken).insert(
        { calendarId: CALENDAR_ID, conferenceDataVersion: 1, sendUpdates: SEND_UPDATES, requestBody: event },
        this.options(),
      ),
    );
  }

  get(accessToken: string, eventId: string): Promise<CalendarEvent> {
    return answered(this.events(accessToken).get({ calendarId: CALENDAR_ID, eventId }, this.options()));
  }

  /**
   * Patch semantics: only the given fields change. Conference data is read only with `conference`
   * (`conferenceDataVersion=1`), for a new conference request; otherwise it stays as it is.
   */
  patch(
    accessToken: string,
    eventId: string,
    changes: CalendarEvent,
    { conference = false }: { conference?: boolean } = {},
  ): Promise<CalendarEvent> {
    return answered(
      this.events(accessToken).patch(
        {
          calendarId: CALENDAR_ID,
          eventId,
          ...(conference ? { conferenceDataVersion: 1 } : {}),
          sendUpdates: SEND_UPDATES,
          requestBody: changes,
        },
        this.options(),
      ),
    );
  }

  async delete(accessToken: string, eventId: string): Promise<void> {
    await answered(
      this.events(accessToken).delete(
        { calendarId: CALENDAR_ID, eventId, sendUpdates: SEND_UPDATES },
        this.options(),
      ),
    );
  }

  /**
   * One page of the primary calendar's events, deleted ones included, each only as its id, status,
   * time of change, start and end: the changes since `syncToken`, or, with none, every event, ending
   * in the token to continue from. Google answers 410 when a token died.
   */
  list(
    accessToken: string,
    page: { syncToken?: string; pageToken?: string },
  ): Promise<calendar_v3.Schema$Events> {
    return answered(
      this.events(accessToken).list(
        {
          calendarId: CALENDAR_ID,
          maxResults: 250,
          // A full list hides deleted events unless asked: a deletion must be seen after a 410 too.
          showDeleted: true,
          // Only what a deletion or a move is recognised by: the rest of the provider's events (titles,
          // guests, descriptions) stays at Google, and the times read are dropped unless the event is ours.
          fields: 'items(id,status,updated,start,end),nextPageToken,nextSyncToken',
          ...(page.syncToken ? { syncToken: page.syncToken } : {}),
          ...(page.pageToken ? { pageToken: page.pageToken } : {}),
        },
        this.options(),
      ),
    );
  }

  /** Opens a push channel on the primary calendar's events. */
  watch(accessToken: string, channel: calendar_v3.Schema$Channel): Promise<calendar_v3.Schema$Channel> {
    return answered(
      this.events(accessToken).watch({ calendarId: CALENDAR_ID, requestBody: channel }, this.options()),
    );
  }

  /** Stops a push channel (`channels.stop`). */
  async stopChannel(accessToken: string, channel: { id: string; resourceId: string }): Promise<void> {
    await answered(this.api(accessToken).channels.stop({ requestBody: channel }, this.options()));
  }

  private events(accessToken: string): calendar_v3.Resource$Events {
    return this.api(accessToken).events;
  }

  private api(accessToken: string): calendar_v3.Calendar {
    const client = this.oauth.client();
    client.setCredentials({ access_token: accessToken });
    return calendar({ version: 'v3', auth: client });
  }

  /**
   * googleapis keeps only the origin of a client-wide rootUrl; per call it keeps the path too. Its own
   * retries are off: the hardened client already retries (with jitter, honouring Retry-After), and a
   * second layer would multiply the calls Google counts against the quota.
   */
  private options(): { rootUrl: string; retry: false } {
    return { rootUrl: this.config.google.apiRootUrl, retry: false };
  }
}

/** The answer's body, or the failure as toCalendarError reads it. */
async function answered<T>(call: Promise<{ data: T }>): Promise<T> {
  try {
    return (await call).data;
  } catch (error) {
    throw toCalendarError(error);
  }
}
