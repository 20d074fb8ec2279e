import { Router } from 'express';
import type { FakeContext } from '../common/fake-context';
import { CalendarGate } from './calendar-auth';
import { createCalendarRouter } from './calendar-events.routes';
import { CalendarStore, type EventResource } from './calendar-store';
import { checkTimes, patchEvent } from './event-resource';
import { createControlRouter } from './google-control.routes';
import { apiErrors } from './google-errors';
import { createOAuthRouter } from './google-oauth.routes';
import { IdTokenSigner } from './id-token';
import { type GoogleUser, type GrantSummary, OAuthStore } from './oauth-store';
import { type ChannelSummary, PushChannels } from './push-channels';

export type { EventResource } from './calendar-store';
export type { GoogleUser, GrantSummary } from './oauth-store';
export type { ChannelSummary } from './push-channels';

/** Fake Google: OAuth, Calendar events with Meet conferences, push channels. */
export class GoogleFake {
  readonly router: Router = Router();
  /** Test controls over HTTP, mounted at `/sandbox/_control/google`. */
  readonly controlRouter: Router;

  private readonly oauth: OAuthStore;
  private readonly calendars: CalendarStore;
  private readonly push: PushChannels;
  private readonly gate: CalendarGate;
  private pendingReads = 1;
  private conferenceFailuresLeft = 0;

  constructor(private readonly ctx: FakeContext) {
    this.oauth = new OAuthStore(ctx);
    this.calendars = new CalendarStore(ctx);
    this.push = new PushChannels(ctx);
    this.gate = new CalendarGate(ctx, this.oauth);
    this.calendars.onChange((calendarId) => this.push.notify(calendarId));
    this.router.use(createOAuthRouter(ctx, this.oauth, new IdTokenSigner()));
    this.router.use(
      '/calendar/v3',
      createCalendarRouter({
        ctx,
        gate: this.gate,
        store: this.calendars,
        push: this.push,
        nextConference: () => {
          const fails = this.conferenceFailuresLeft > 0;
          if (fails) this.conferenceFailuresLeft--;
          return { pendingReads: this.pendingReads, fails };
        },
      }),
    );
    this.controlRouter = createControlRouter(this);
  }

  /** The Google account with this email, once it has signed in on the consent page. */
  /** Every token value issued so far (programmatic only, never over HTTP): leak searches in specs. */
  issuedTokenValues(): string[] {
    return [...this.oauth.issued];
  }

  findUser(email: string): GoogleUser | undefined {
    return this.oauth.findUserByEmail(email);
  }

  /** Makes every access token issued so far expired, as if an hour had passed. Answers how many. */
  expireAccessTokens(): number {
    return this.oauth.expireAllAccessTokens();
  }

  /** Revokes all of a user's grants (the user removed the app at myaccount.google.com). Answers how many. */
  revokeUserGrants(sub: string): number {
    return this.oauth.revokeUser(sub);
  }

  /** Live grants of a user, with token counts but never token values. */
  listGrants(sub: string): GrantSummary[] {
    return this.oauth.grantsOf(sub);
  }

  /** How many reads (the insert answer included) a new Meet conference stays `pending` for. Default 1. */
  setConferencePendingReads(reads: number): void {
    this.pendingReads = reads;
  }

  /**
   * The next `count` Meet conferences requested settle as `failure` (Google could not create them: Meet
   * turned off for the organizer, say), as a later request with a new requestId may not.
   */
  failConferences(count: number): void {
    this.conferenceFailuresLeft = count;
  }

  /** Makes every sync token issued so far answer 410 fullSyncRequired. Answers how many. */
  expireSyncTokens(): number {
    return this.calendars.expireSyncTokens();
  }

  /** The next `count` Calendar calls answer rateLimitExceeded with this status. */
  forceRateLimit(count: number, status: 403 | 429 = 403): void {
    this.gate.forceRateLimit(count, status);
  }

  /** Google's per-user Calendar quota (600 a minute); beyond it calls answer 403 userRateLimitExceeded. */
  setQuotaPerMinute(perUserPerMinute: number): void {
    this.gate.perUserPerMinute = perUserPerMinute;
  }

  listChannels(): ChannelSummary[] {
    return this.push.list();
  }

  stopChannel(id: string): boolean {
    return this.push.stopById(id);
  }

  /** Resolves when every push notification sent so far has been delivered or has failed. */
  flushNotifications(): Promise<void> {
    return this.push.flush();
  }

  /** An event as stored, without counting as a read (a pending conference stays pending). */
  getEvent(calendarId: string, eventId: string): EventResource | undefined {
    const stored = this.calendars.get(calendarId.toLowerCase(), eventId);
    return stored ? structuredClone(stored.resource) : undefined;
  }

  /**
   * Changes an event "from the Google side" (the user edits it in Google Calendar): patch semantics, sequence
   * bumped, and it shows up in incremental sync and push like any change. `calendarId` is the user's email.
   */
  changeEvent(calendarId: string, eventId: string, patch: EventResource): EventResource {
    const id = calendarId.toLowerCase();
    const stored = this.calendars.get(id, eventId);
    if (!stored) throw apiErrors.notFound();
    const draft = structuredClone(stored);
    patchEvent(draft, patch);
    if (patch.status) draft.resource.status = patch.status;
    checkTimes(draft.resource);
    stored.resource = draft.resource;
    this.calendars.put(id, stored);
    return structuredClone(stored.resource);
  }

  /** Deletes an event "from the Google side"; false when it was not there or already deleted. */
  deleteEvent(calendarId: string, eventId: string): boolean {
    const id = calendarId.toLowerCase();
    const stored = this.calendars.get(id, eventId);
    if (!stored || stored.resource.status === 'cancelled') return false;
    stored.resource.status = 'cancelled';
    this.calendars.put(id, stored);
    return true;
  }
}
