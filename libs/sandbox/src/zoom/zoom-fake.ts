import { type NextFunction, type Request, type Response, Router } from 'express';
import type { FakeContext } from '../common/fake-context';
import { vendorCall } from '../common/vendor-call.middleware';
import { zoomControlRoutes } from './zoom-control.routes';
import { bearerAuth } from './zoom-auth.middleware';
import { ZoomDailyCap } from './zoom-daily-cap';
import { zoomError } from './zoom-errors';
import { ZoomGrants } from './zoom-grants';
import { scheduleOf, type StoredMeeting, ZoomMeetings } from './zoom-meetings';
import { zoomMeetingPages, zoomMeetingsRoutes } from './zoom-meetings.routes';
import { zoomOAuthRoutes } from './zoom-oauth.routes';
import type { MeetingSchedule, ZoomState } from './zoom-state';
import { type ForcedSecurity, type ServerToServerApp, ZoomDirectory, type ZoomUser } from './zoom-store';
import { zoomUsersRoutes } from './zoom-users.routes';
import { type EndpointValidation, ZoomWebhooks } from './zoom-webhooks';

/** A Zoom user as tests see it. */
export interface SandboxZoomUser {
  id: string;
  accountId: string;
  email: string;
  firstName: string;
  lastName: string;
}

/** Fake Zoom: OAuth (user and Server-to-Server), users, meetings, webhooks. */
export class ZoomFake {
  readonly router: Router = Router();
  /** Test controls over HTTP, mounted at `/sandbox/_control/zoom`. */
  readonly controlRouter: Router;

  private readonly state: ZoomState;
  private readonly webhooks: ZoomWebhooks;

  constructor(private readonly ctx: FakeContext) {
    const directory = new ZoomDirectory(ctx.now);
    this.state = {
      ctx,
      directory,
      grants: new ZoomGrants(ctx.now, () => ctx.knobs.accessTokenLifetimeSeconds),
      meetings: new ZoomMeetings(ctx.now),
      dailyCap: new ZoomDailyCap(ctx),
    };
    this.webhooks = new ZoomWebhooks(ctx);

    // The pages behind start/join links are browser pages, not API calls: outside the call log and faults.
    this.router.use(zoomMeetingPages(this.state));
    this.router.use(
      vendorCall(ctx, 'zoom', (status) => ({ code: status, message: 'Internal Server Error' })),
    );
    this.router.use(zoomOAuthRoutes(this.state));
    this.router.use('/v2', bearerAuth(this.state));
    this.router.use(zoomUsersRoutes(this.state));
    this.router.use(zoomMeetingsRoutes(this.state));
    this.router.use('/v2', (_req: Request, res: Response) => zoomError(res, 404, 404, 'Not Found'));
    this.router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return zoomError(res, status, 300, (error as Error).message || 'Bad Request');
      }
      zoomError(res, 500, 500, 'Internal Server Error');
    });
    this.controlRouter = zoomControlRoutes(this);
  }

  /** A Server-to-Server OAuth app that may take `account_credentials` tokens for `accountId`. */
  registerServerToServerApp(app: ServerToServerApp): void {
    this.state.directory.registerApp(app);
  }

  /** Adds a user to an account (created if new); the account's first user is its owner. */
  addUser(
    accountId: string,
    user: { email: string; firstName?: string; lastName?: string },
  ): SandboxZoomUser {
    return publicUser(this.state.directory.addUser(accountId, user));
  }

  /** Every token value issued so far (programmatic only, never over HTTP): leak searches in specs. */
  issuedTokenValues(): string[] {
    return [...this.state.grants.issued];
  }

  findUser(emailOrId: string): SandboxZoomUser | undefined {
    const user = this.state.directory.findUser(emailOrId);
    return user ? publicUser(user) : undefined;
  }

  /** Every access token issued so far stops working now; refresh tokens still work. */
  expireAccessTokens(): number {
    return this.state.grants.expireAllAccessTokens();
  }

  /** How many of the user's grants can still be used (never the tokens themselves). */
  liveGrantCount(userId: string): number {
    return this.state.grants.liveGrantCount(userId);
  }

  /** Locks security settings on for every meeting of the account, as an admin can. */
  forceSecurity(accountId: string, forced: Partial<ForcedSecurity>): ForcedSecurity {
    return this.state.directory.forceSecurity(accountId, forced);
  }

  /**
   * The user removes the app: all their tokens for it die at once, then Zoom tells the app with
   * `app_deauthorized`. Resolves with the receiver's HTTP status (0 if unreachable).
   */
  async deauthorize(userId: string): Promise<number> {
    this.assertWebhooksConfigured();
    const user = this.state.directory.findUser(userId);
    if (!user) throw new Error(`no Zoom user ${userId}`);
    const clientId = this.ctx.options.zoom.client.clientId;
    this.state.grants.revokeUser(user.id, clientId);
    return this.sendEvent('app_deauthorized', {
      account_id: user.accountId,
      user_id: user.id,
      signature: '',
      deauthorization_time: new Date(this.ctx.now()).toISOString(),
      client_id: clientId,
    });
  }

  /** A live meeting's schedule as Zoom has it (`start_time` in UTC); undefined when there is none. */
  meetingTimes(meetingId: string): (MeetingSchedule & { timezone: string }) | undefined {
    const meeting = this.state.meetings.find(meetingId);
    return meeting ? { ...scheduleOf(meeting), timezone: meeting.timezone } : undefined;
  }

  /**
   * The host moves a meeting in the Zoom app (`start_time` in UTC, `duration` in minutes): the meeting
   * changes, then Zoom sends `meeting.updated`. Resolves with the receiver's HTTP status (0 if
   * unreachable); undefined when there is no such meeting.
   */
  async moveMeeting(
    meetingId: string,
    change: { start_time?: string; duration?: number },
  ): Promise<number | undefined> {
    this.assertWebhooksConfigured();
    const meeting = this.state.meetings.find(meetingId);
    const host = meeting ? this.state.directory.user(meeting.hostId) : undefined;
    if (!meeting || !host) return undefined;
    const before = scheduleOf(meeting);
    this.state.meetings.update(meeting, this.state.directory.ensureAccount(host.accountId), change);
    return this.sendUpdated(meeting, before);
  }

  /**
   * The host starts the meeting in the Zoom app, or it ends: Zoom then refuses to update it while it
   * runs and to delete it at all. Only the state changes; specs send `meeting.started`/`meeting.ended`
   * themselves. False when there is no such meeting.
   */
  runMeeting(meetingId: string, progress: 'started' | 'ended'): boolean {
    const meeting = this.state.meetings.find(meetingId);
    if (!meeting) return false;
    meeting.progress = progress;
    return true;
  }

  /**
   * Zoom also sends `meeting.updated` for changes made through its API, the app's own included. Most
   * specs send events by hand, so the fake does that only once told to (`on`).
   */
  reportApiUpdates(on: boolean): void {
    if (on) this.assertWebhooksConfigured();
    this.state.onApiUpdate = on ? (meeting, before) => void this.sendUpdated(meeting, before) : undefined;
  }

  /** `meeting.updated` as Zoom sends it: only the changed fields in `object`, their former values in `old_object`. */
  private async sendUpdated(meeting: StoredMeeting, before: MeetingSchedule): Promise<number | undefined> {
    const host = this.state.directory.user(meeting.hostId);
    if (!host) return undefined;
    const after = scheduleOf(meeting);
    const changed = (['start_time', 'duration'] as const).filter((field) => before[field] !== after[field]);
    const pick = (values: MeetingSchedule) =>
      Object.fromEntries(changed.map((field) => [field, values[field]]));
    return this.sendEvent('meeting.updated', {
      account_id: host.accountId,
      operator: host.email,
      operator_id: host.id,
      operation: 'single',
      object: { id: meeting.id, uuid: meeting.uuid, ...pick(after) },
      old_object: { id: meeting.id, uuid: meeting.uuid, ...pick(before) },
      time_stamp: this.ctx.now(),
    });
  }

  /** Any event, e.g. `meeting.started` with Zoom's payload shape `{account_id, object: {...}}`. */
  async sendEvent(event: string, payload: Record<string, unknown>): Promise<number> {
    return (await this.webhooks.send(event, payload)).status;
  }

  /** Zoom's `endpoint.url_validation` challenge, checked against the secret token. */
  validateEndpoint(): Promise<EndpointValidation> {
    return this.webhooks.validateEndpoint();
  }

  private assertWebhooksConfigured(): void {
    const { webhookUrl, webhookSecretToken } = this.ctx.options.zoom;
    if (!webhookUrl || !webhookSecretToken) {
      throw new Error('Zoom webhooks need options.zoom.webhookUrl and options.zoom.webhookSecretToken');
    }
  }
}

function publicUser(user: ZoomUser): SandboxZoomUser {
  return {
    id: user.id,
    accountId: user.accountId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
  };
}
