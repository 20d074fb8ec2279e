import { type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ClinicEntity, UserEntity } from '@televisit/api-auth';
import { CoreModule, loadConfig, resolveEmbeddedSecrets } from '@televisit/api-core';
import { DatabaseModule } from '@televisit/api-database';
import { GoogleMeetModule } from '@televisit/api-google-meet';
import {
  HttpClient,
  type HttpRequest,
  type HttpResponse,
  HttpTimeoutError,
  RateLimitedError,
} from '@televisit/api-http';
import {
  type MeetingHost,
  type MeetingSpec,
  type VendorMeeting,
  type VideoProvider,
  VideoProviderError,
  VideoProviders,
} from '@televisit/api-mapping';
import { type EventResource, type RunningSandbox, startSandboxServer } from '@televisit/sandbox';
import { Vault, VaultModule } from '@televisit/api-vault';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  connectionBinding,
  type GoogleTokens,
  signInToGoogle,
  writeGoogleConnection,
} from './google-account-fixture';

/**
 * The Google Meet VideoProvider (libs/api/google-meet/src/meetings) in a Nest module wired as the app
 * wires it, on SQLite and MariaDB, against the fake Google running standalone on loopback. Here rather
 * than beside the provider because a vendor library may not import the sandbox (module boundaries).
 */

jest.setTimeout(30_000);

const GOOGLE_APP = { clientId: 'tv-meet.apps.test', clientSecret: `gs-${randomBytes(12).toString('hex')}` };
/** The host link lifetime the API promises, whatever the vendor. */
const TWO_HOURS = 2 * 3_600_000;
/** Google's per-user quota is per minute: a rate-limited call comes back a minute later. */
const ONE_MINUTE = 60_000;
const EVENTS_PATH = '/calendar/v3/calendars/primary/events';

/** What the provider must ask of every event, whatever the calendar's defaults. */
const PRIVACY = {
  visibility: 'private',
  guestsCanInviteOthers: false,
  guestsCanSeeOtherGuests: false,
  guestsCanModify: false,
};

const meetLinkOf = (event: EventResource | undefined) =>
  event?.conferenceData?.entryPoints?.find((point) => point.entryPointType === 'video')?.uri;

/** The JSON body googleapis sent through the hardened client (as a string). */
function sentJson(request: HttpRequest | undefined): unknown {
  if (typeof request?.body !== 'string') throw new Error('no JSON body was sent');
  return JSON.parse(request.body);
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describeEachEngine('Google Meet VideoProvider against the fake Google', (engine) => {
  let db: TestDatabase;
  let google: RunningSandbox;
  let googleBase: string;
  let app: INestApplication;
  let dataSource: DataSource;
  let vault: Vault;
  let provider: VideoProvider;
  let requests: HttpRequest[];
  /** Set by a test to stand between the provider and the network for one request or more. */
  let intercept:
    | ((request: HttpRequest, send: (r: HttpRequest) => Promise<HttpResponse>) => Promise<HttpResponse>)
    | undefined;
  const logged: string[] = [];
  /** Values that must never reach a log line. */
  const secrets = new Set<string>();

  const emails = {
    own: 'dr.own@gmail.test',
    first: 'dr.switch@gmail.test',
    second: 'dr.switch.other@gmail.test',
    revoked: 'dr.revoked@gmail.test',
    stale: 'dr.stale@gmail.test',
    quota: 'dr.quota@gmail.test',
  };
  const hosts = {
    own: { providerId: 'p-own', clinicId: 'c1' },
    none: { providerId: 'p-none', clinicId: 'c1' },
    reauth: { providerId: 'p-reauth', clinicId: 'c1' },
    switch: { providerId: 'p-switch', clinicId: 'c1' },
    revoked: { providerId: 'p-revoked', clinicId: 'c1' },
    stale: { providerId: 'p-stale', clinicId: 'c1' },
    quota: { providerId: 'p-quota', clinicId: 'c1' },
  } satisfies Record<string, MeetingHost>;
  const subOf = (email: string) => google.sandbox.google.findUser(email)?.sub ?? '';

  /** A provider signing in to Google (the fake); their tokens are kept out of every log line. */
  async function signIn(email: string): Promise<GoogleTokens> {
    const tokens = await signInToGoogle(googleBase, GOOGLE_APP, email);
    secrets.add(tokens.access_token);
    if (tokens.refresh_token) secrets.add(tokens.refresh_token);
    return tokens;
  }

  async function insertUser(id: string): Promise<void> {
    await dataSource.getRepository(UserEntity).save({
      id,
      clinicId: 'c1',
      email: `${id}@clinics.test`,
      name: id,
      role: 'provider',
      passwordHash: 'x',
      zoomUser: null,
      disabledAt: null,
    });
  }

  const connectGoogle = (
    userId: string,
    status: 'connected' | 'needs_reauth' | 'not_connected',
    grant?: { tokens: GoogleTokens; accountId: string; access?: string },
  ) => writeGoogleConnection(dataSource, vault, userId, status, grant);

  function meetingSpec(overrides: Partial<MeetingSpec> = {}): MeetingSpec {
    const start = new Date(Date.now() + 26 * 3_600_000 + Math.floor(Math.random() * 3_600_000));
    return {
      appointmentId: randomUUID(),
      marker: `tvm_${randomBytes(16).toString('base64url')}`,
      topic: 'Video visit',
      startTime: start,
      durationMinutes: 30,
      timezone: 'America/Chicago',
      requireAuthentication: false,
      ...overrides,
    };
  }

  function remember(meeting: VendorMeeting): VendorMeeting {
    secrets.add(meeting.joinUrl);
    // The Meet code is the join link in another form.
    secrets.add(new URL(meeting.joinUrl).pathname.slice(1));
    return meeting;
  }

  /** The event id an appointment's meeting gets, spelt out here (eventIdFor is under test). */
  const eventIdOf = (spec: MeetingSpec) => `tv${spec.appointmentId.replace(/-/g, '')}`;

  /** The event as the fake keeps it, without counting as a read (a pending conference stays pending). */
  const stored = (email: string, eventId: string) => google.sandbox.google.getEvent(email, eventId);

  /** Every event of the user's calendar, deleted ones included, read with our own token. */
  async function listEvents(accessToken: string): Promise<EventResource[]> {
    const answer = await fetch(`${googleBase}${EVENTS_PATH}?showDeleted=true&maxResults=2500`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(answer.status).toBe(200);
    return ((await answer.json()) as { items: EventResource[] }).items;
  }

  /** The calendar's events carrying `marker` (the fake lists a deleted event as a stub without it). */
  async function eventsMarked(accessToken: string, marker: string): Promise<EventResource[]> {
    const events = await listEvents(accessToken);
    return events.filter((event) => event.extendedProperties?.private?.['televisitMarker'] === marker);
  }

  /** Calendar calls the fake saw for `email`'s account, as `METHOD status`. */
  const calendarCalls = (email: string, since = 0) =>
    google.sandbox.calls
      .list({ vendor: 'google', subject: subOf(email) })
      .filter((call) => call.seq > since && call.path.startsWith('/calendar/'))
      .map((call) => `${call.method} ${call.status}`);
  const lastSeq = () => Math.max(0, ...google.sandbox.calls.list().map((call) => call.seq));

  /** The provider's own requests to the Calendar API, as `METHOD path`. */
  const calendarRequests = () =>
    requests
      .filter((request) => request.url.includes('/calendar/v3/'))
      .map(
        (request) => `${request.method} ${new URL(request.url).pathname.replace(/^.*\/calendar\/v3/, '')}`,
      );

  let ownTokens: GoogleTokens;

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
    google = await startSandboxServer({
      zoom: { client: { clientId: 'unused-zoom-app', clientSecret: 'unused' } },
      google: { client: GOOGLE_APP },
    });
    googleBase = `${google.url}/sandbox/google`;

    db = await engine.create();
    const config = resolveEmbeddedSecrets(
      loadConfig({
        DATABASE_URL: db.url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tv-meet-meetings-')),
        SANDBOX: 'false',
        // The calendar sync's background reads would come between the calls each test counts.
        WORKER: 'false',
        GOOGLE_CLIENT_ID: GOOGLE_APP.clientId,
        GOOGLE_CLIENT_SECRET: GOOGLE_APP.clientSecret,
        GOOGLE_AUTH_URL: `${googleBase}/o/oauth2/v2/auth`,
        GOOGLE_TOKEN_URL: `${googleBase}/token`,
        GOOGLE_REVOKE_URL: `${googleBase}/revoke`,
        GOOGLE_API_ROOT_URL: `${googleBase}/`,
      }),
    );
    const moduleRef = await Test.createTestingModule({
      imports: [
        CoreModule.forRoot(config, []),
        DatabaseModule.forRoot(config),
        VaultModule,
        GoogleMeetModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    dataSource = moduleRef.get(DataSource);
    vault = moduleRef.get(Vault);
    provider = moduleRef.get(VideoProviders).get('google_meet');
    const http = moduleRef.get(HttpClient);
    const send = http.request.bind(http);
    requests = [];
    jest.spyOn(http, 'request').mockImplementation((request) => {
      requests.push(request);
      return intercept ? intercept(request, send) : send(request);
    });

    await dataSource.getRepository(ClinicEntity).save({ id: 'c1', name: 'Clinic one', timezone: 'UTC' });
    for (const host of Object.values(hosts)) await insertUser(host.providerId);
    ownTokens = await signIn(emails.own);
    await connectGoogle('p-own', 'connected', { tokens: ownTokens, accountId: subOf(emails.own) });
    await connectGoogle('p-reauth', 'needs_reauth');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await google?.close();
    await db?.drop();
    jest.restoreAllMocks();
  });

  beforeEach(() => {
    intercept = undefined;
    requests.length = 0;
    google.sandbox.google.setConferencePendingReads(1);
    google.sandbox.google.failConferences(0);
    google.sandbox.google.forceRateLimit(0);
    google.sandbox.google.setQuotaPerMinute(600);
  });

  it('creates a private Meet event with the neutral title, the marker and UTC times, and keeps what Google answered', async () => {
    const spec = meetingSpec();
    const since = lastSeq();
    const meeting = remember(await provider.create(hosts.own, spec, false));

    // Sent: exactly the event asked for, with conference data version 1 and no mail to anyone.
    const insert = requests.find((r) => r.method === 'POST' && new URL(r.url).pathname.endsWith(EVENTS_PATH));
    const query = new URL(insert?.url ?? 'http://x').searchParams;
    expect(query.get('conferenceDataVersion')).toBe('1');
    expect(query.get('sendUpdates')).toBe('none');
    const eventId = eventIdOf(spec);
    expect(sentJson(insert)).toEqual({
      id: eventId,
      summary: 'Video visit',
      start: { dateTime: spec.startTime.toISOString(), timeZone: 'America/Chicago' },
      end: {
        dateTime: new Date(spec.startTime.getTime() + 30 * 60_000).toISOString(),
        timeZone: 'America/Chicago',
      },
      ...PRIVACY,
      extendedProperties: { private: { televisitMarker: spec.marker } },
      conferenceData: {
        createRequest: {
          requestId: `tv-${spec.appointmentId}`,
          conferenceSolutionKey: { type: 'hangoutsMeet' },
        },
      },
    });

    // Google has it as sent, on the provider's own primary calendar, with no attendees or description.
    const event = stored(emails.own, eventId);
    expect(event).toMatchObject({
      id: eventId,
      status: 'confirmed',
      summary: 'Video visit',
      ...PRIVACY,
      extendedProperties: { private: { televisitMarker: spec.marker } },
      organizer: { email: emails.own, self: true },
    });
    expect(event?.attendees).toBeUndefined();
    expect(event?.description).toBeUndefined();
    expect(event?.conferenceData?.createRequest?.status?.statusCode).toBe('success');

    // The fake answers the insert with the conference pending: one re-read found the link.
    expect(calendarRequests()).toEqual([
      'POST /calendars/primary/events',
      `GET /calendars/primary/events/${eventId}`,
    ]);
    expect(calendarCalls(emails.own, since)).toEqual(['POST 200', 'GET 200']);

    expect(meeting).toEqual({
      vendorMeetingId: eventId,
      vendorMeetingUuid: null,
      hostAccountId: subOf(emails.own),
      hostedBy: 'provider',
      joinUrl: meetLinkOf(event),
      passcode: null,
      settings: { ...PRIVACY, conferenceSolution: 'hangoutsMeet', conferenceStatus: 'success' },
    });
    expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(await eventsMarked(ownTokens.access_token, spec.marker)).toHaveLength(1);
  });

  it('reads the settings Google has now, not those sent', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    // The provider changes the event in Google Calendar.
    google.sandbox.google.changeEvent(emails.own, meeting.vendorMeetingId, {
      visibility: 'public',
      guestsCanModify: true,
    });
    const read = await provider.read(hosts.own, meeting);
    expect(read?.settings).toMatchObject({
      visibility: 'public',
      guestsCanModify: true,
      guestsCanInviteOthers: false,
    });
    expect(read?.joinUrl).toBe(meeting.joinUrl);
  });

  it('adopts the event an earlier attempt inserted when its answer was lost: one event, one Meet link', async () => {
    const spec = meetingSpec();
    const eventId = eventIdOf(spec);
    intercept = async (request, send) => {
      const response = await send(request);
      if (request.method === 'POST' && request.url.includes(EVENTS_PATH)) {
        intercept = undefined;
        // Google made the event; the answer never arrived.
        throw new HttpTimeoutError(request.url, 10_000);
      }
      return response;
    };
    const lost = await failureOf(provider.create(hosts.own, spec, false));
    expect(lost).toBeInstanceOf(HttpTimeoutError);
    expect(stored(emails.own, eventId)).toBeDefined();

    const since = lastSeq();
    const adopted = remember(await provider.create(hosts.own, spec, true));
    expect(adopted.vendorMeetingId).toBe(eventId);
    expect(adopted.joinUrl).toBe(meetLinkOf(stored(emails.own, eventId)));
    // The insert answered 409 and the event was read instead: no second event, no second conference.
    expect(calendarCalls(emails.own, since)).toEqual(['POST 409', 'GET 200']);
    // Once more, not even marked as a retry: still the same event.
    const again = await provider.create(hosts.own, spec, false);
    expect(again).toEqual(adopted);
    const marked = await eventsMarked(ownTokens.access_token, spec.marker);
    expect(marked.map((event) => event.id)).toEqual([eventId]);
  });

  it('moves an adopted event to the booking when the appointment moved after the attempt that inserted it', async () => {
    google.sandbox.google.setConferencePendingReads(6);
    const booked = meetingSpec();
    const eventId = eventIdOf(booked);
    await expect(provider.create(hosts.own, booked, false)).rejects.toMatchObject({
      code: 'conference_pending',
    });
    const moved = {
      ...booked,
      startTime: new Date(booked.startTime.getTime() + 3_600_000),
      durationMinutes: 45,
    };
    const next = lastSeq();
    const meeting = remember(await provider.create(hosts.own, moved, true));
    expect(meeting.vendorMeetingId).toBe(eventId);
    expect(calendarCalls(emails.own, next).slice(0, 3)).toEqual(['POST 409', 'GET 200', 'PATCH 200']);
    const event = stored(emails.own, eventId);
    expect(Date.parse(event?.start?.dateTime ?? '')).toBe(moved.startTime.getTime());
    expect(Date.parse(event?.end?.dateTime ?? '')).toBe(moved.startTime.getTime() + 45 * 60_000);
    expect(meeting.joinUrl).toBe(meetLinkOf(event));
  });

  it('asks again for a Meet Google failed to create, under a new request id, when the visit is tried again', async () => {
    google.sandbox.google.failConferences(1);
    const spec = meetingSpec();
    const eventId = eventIdOf(spec);
    await expect(provider.create(hosts.own, spec, false)).rejects.toMatchObject({
      code: 'conference_failed',
    });
    const failed = stored(emails.own, eventId)?.conferenceData?.createRequest;
    expect(failed?.status?.statusCode).toBe('failure');

    const next = lastSeq();
    const meeting = remember(await provider.create(hosts.own, spec, true));
    expect(calendarCalls(emails.own, next).slice(0, 3)).toEqual(['POST 409', 'GET 200', 'PATCH 200']);
    const event = stored(emails.own, eventId);
    expect(event?.conferenceData?.createRequest?.status?.statusCode).toBe('success');
    expect(event?.conferenceData?.createRequest?.requestId).not.toBe(failed?.requestId);
    expect(meeting.joinUrl).toBe(meetLinkOf(event));
    expect(await eventsMarked(ownTokens.access_token, spec.marker)).toHaveLength(1);
  });

  it('waits for a pending conference through re-reads', async () => {
    google.sandbox.google.setConferencePendingReads(4);
    const spec = meetingSpec();
    const since = lastSeq();
    const meeting = remember(await provider.create(hosts.own, spec, false));
    // The insert answer and three re-reads pending, the fourth re-read has the link.
    expect(calendarCalls(emails.own, since)).toEqual([
      'POST 200',
      'GET 200',
      'GET 200',
      'GET 200',
      'GET 200',
    ]);
    const event = stored(emails.own, meeting.vendorMeetingId);
    expect(event?.conferenceData?.createRequest?.status?.statusCode).toBe('success');
    expect(meeting.joinUrl).toBe(meetLinkOf(event));
    expect(meeting.settings['conferenceStatus']).toBe('success');
  });

  it('answers conference_pending when the conference is still pending after the re-reads; the next attempt adopts it', async () => {
    google.sandbox.google.setConferencePendingReads(6);
    const spec = meetingSpec();
    const eventId = eventIdOf(spec);
    const since = lastSeq();
    const error = await failureOf(provider.create(hosts.own, spec, false));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'conference_pending' });
    expect(calendarCalls(emails.own, since)).toEqual([
      'POST 200',
      'GET 200',
      'GET 200',
      'GET 200',
      'GET 200',
    ]);
    expect(stored(emails.own, eventId)?.conferenceData?.createRequest?.status?.statusCode).toBe('pending');

    const next = lastSeq();
    const meeting = remember(await provider.create(hosts.own, spec, true));
    expect(meeting.vendorMeetingId).toBe(eventId);
    expect(meeting.joinUrl).toBe(meetLinkOf(stored(emails.own, eventId)));
    expect(calendarCalls(emails.own, next)).toEqual(['POST 409', 'GET 200', 'GET 200']);
    expect(await eventsMarked(ownTokens.access_token, spec.marker)).toHaveLength(1);
  });

  it('moves the same event on update: same id, same Meet link, new time and title, nothing else sent', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    const before = stored(emails.own, meeting.vendorMeetingId);
    const moved = meetingSpec({
      startTime: new Date(Date.now() + 50 * 3_600_000 + 123),
      durationMinutes: 45,
      timezone: 'Europe/Berlin',
      topic: 'Follow-up visit',
    });
    requests.length = 0;
    const updated = await provider.update(hosts.own, meeting, moved);
    expect(updated).toEqual({ ...meeting, settings: updated.settings });
    expect(updated.settings).toMatchObject({ ...PRIVACY, conferenceStatus: 'success' });

    const patch = requests.find((r) => r.method === 'PATCH');
    expect(new URL(patch?.url ?? 'http://x').searchParams.get('sendUpdates')).toBe('none');
    const end = new Date(moved.startTime.getTime() + 45 * 60_000).toISOString();
    expect(sentJson(patch)).toEqual({
      summary: 'Follow-up visit',
      start: { dateTime: moved.startTime.toISOString(), timeZone: 'Europe/Berlin' },
      end: { dateTime: end, timeZone: 'Europe/Berlin' },
    });
    const after = stored(emails.own, meeting.vendorMeetingId);
    expect(after).toMatchObject({
      summary: 'Follow-up visit',
      start: { dateTime: moved.startTime.toISOString(), timeZone: 'Europe/Berlin' },
      end: { dateTime: end, timeZone: 'Europe/Berlin' },
      ...PRIVACY,
      sequence: (before?.sequence ?? 0) + 1,
    });
    expect(after?.conferenceData?.conferenceId).toBe(before?.conferenceData?.conferenceId);
    expect(meetLinkOf(after)).toBe(meeting.joinUrl);
  });

  it('deletes; deleting again counts as done; then read is null, update and hostLink meeting_not_found, and create never recreates it', async () => {
    const spec = meetingSpec();
    const meeting = remember(await provider.create(hosts.own, spec, false));
    await expect(provider.read(hosts.own, meeting)).resolves.toMatchObject({
      vendorMeetingId: meeting.vendorMeetingId,
      joinUrl: meeting.joinUrl,
    });
    let since = lastSeq();
    await provider.delete(hosts.own, meeting);
    expect(stored(emails.own, meeting.vendorMeetingId)?.status).toBe('cancelled');
    await expect(provider.delete(hosts.own, meeting)).resolves.toBeUndefined();
    expect(calendarCalls(emails.own, since)).toEqual(['DELETE 204', 'DELETE 410']);
    expect(
      requests
        .filter((r) => r.method === 'DELETE')
        .map((r) => new URL(r.url).searchParams.get('sendUpdates')),
    ).toEqual(['none', 'none']);

    await expect(provider.read(hosts.own, meeting)).resolves.toBeNull();
    for (const attempt of [
      () => provider.update(hosts.own, meeting, meetingSpec()),
      () => provider.hostLink(hosts.own, meeting),
      () => provider.create(hosts.own, spec, true),
    ]) {
      const error = await failureOf(attempt());
      expect(error).toBeInstanceOf(VideoProviderError);
      expect(error).toMatchObject({ code: 'meeting_not_found' });
    }
    // The retried create found the id taken by the deleted event and left it deleted.
    since = lastSeq();
    await failureOf(provider.create(hosts.own, spec, false));
    expect(calendarCalls(emails.own, since)).toEqual(['POST 409', 'GET 200']);
    expect(stored(emails.own, meeting.vendorMeetingId)?.status).toBe('cancelled');
    // Listed with the deleted ones, the calendar holds that one event, deleted, and nothing live with the marker.
    const listed = await listEvents(ownTokens.access_token);
    expect(
      listed.filter((event) => event.id === meeting.vendorMeetingId).map((event) => event.status),
    ).toEqual(['cancelled']);
    expect(await eventsMarked(ownTokens.access_token, spec.marker)).toEqual([]);
  });

  it('treats an event deleted in Google Calendar, or never there, as gone', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    expect(google.sandbox.google.deleteEvent(emails.own, meeting.vendorMeetingId)).toBe(true);
    await expect(provider.read(hosts.own, meeting)).resolves.toBeNull();
    await expect(provider.delete(hosts.own, meeting)).resolves.toBeUndefined();

    const never = { ...meeting, vendorMeetingId: `tv${randomBytes(16).toString('hex')}` };
    const since = lastSeq();
    await expect(provider.read(hosts.own, never)).resolves.toBeNull();
    await expect(provider.delete(hosts.own, never)).resolves.toBeUndefined();
    expect(await failureOf(provider.update(hosts.own, never, meetingSpec()))).toMatchObject({
      code: 'meeting_not_found',
    });
    expect(calendarCalls(emails.own, since)).toEqual(['GET 404', 'DELETE 404', 'PATCH 404']);
  });

  it("hands out the event's current Meet link as the host link, good for two hours", async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    requests.length = 0;
    const before = Date.now();
    const link = await provider.hostLink(hosts.own, meeting);
    const after = Date.now();
    expect(link.url).toBe(meetLinkOf(stored(emails.own, meeting.vendorMeetingId)));
    expect(link.expiresAt.getTime()).toBeGreaterThanOrEqual(before + TWO_HOURS);
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(after + TWO_HOURS);
    // Read from Google now, not from what was stored.
    expect(calendarRequests()).toEqual([`GET /calendars/primary/events/${meeting.vendorMeetingId}`]);
  });

  it('refuses with google_not_connected without a connection, asking nothing of Google', async () => {
    await connectGoogle('p-none', 'not_connected');
    for (const host of [hosts.none, { providerId: 'p-nobody', clinicId: 'c1' }]) {
      const error = await failureOf(provider.create(host, meetingSpec(), false));
      expect(error).toBeInstanceOf(VideoProviderError);
      expect(error).toMatchObject({ code: 'google_not_connected' });
    }
    expect(requests).toHaveLength(0);
  });

  it('answers connection_needs_reauth for a broken connection, asking nothing of Google', async () => {
    const error = await failureOf(provider.create(hosts.reauth, meetingSpec(), false));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'connection_needs_reauth' });
    expect(requests).toHaveLength(0);
  });

  it('renews a token Google refuses although it looked fresh, once, and makes the call again', async () => {
    const tokens = await signIn(emails.stale);
    const bogus = `ya29.not-issued-${randomBytes(8).toString('hex')}`;
    secrets.add(bogus);
    const connectionId = await connectGoogle('p-stale', 'connected', {
      tokens,
      accountId: subOf(emails.stale),
      access: bogus,
    });
    const since = lastSeq();
    const meeting = remember(await provider.create(hosts.stale, meetingSpec(), false));
    expect(meeting.hostAccountId).toBe(subOf(emails.stale));
    const calls = google.sandbox.calls.list({ vendor: 'google' }).filter((call) => call.seq > since);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `POST ${EVENTS_PATH} 401`,
      'POST /token 200',
      `POST ${EVENTS_PATH} 200`,
      `GET ${EVENTS_PATH}/${meeting.vendorMeetingId} 200`,
    ]);
    const row = await dataSource.getRepository('connections').findOneByOrFail({ id: connectionId });
    expect(row).toMatchObject({ status: 'connected', tokenVersion: 1 });
    const renewed = vault.open(
      String(row['sealedAccessToken']),
      connectionBinding(connectionId, 'access_token'),
    );
    secrets.add(renewed);
    expect(renewed).not.toBe(bogus);
  });

  it('marks the connection needs_reauth when the refused token’s grant was revoked at Google', async () => {
    const tokens = await signIn(emails.revoked);
    const connectionId = await connectGoogle('p-revoked', 'connected', {
      tokens,
      accountId: subOf(emails.revoked),
    });
    expect(google.sandbox.google.revokeUserGrants(subOf(emails.revoked))).toBe(1);
    const since = lastSeq();
    const error = await failureOf(provider.create(hosts.revoked, meetingSpec(), false));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'connection_needs_reauth' });
    const calls = google.sandbox.calls.list({ vendor: 'google' }).filter((call) => call.seq > since);
    expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      `POST ${EVENTS_PATH} 401`,
      'POST /token 400',
    ]);
    await expect(
      dataSource.getRepository('connections').findOneByOrFail({ id: connectionId }),
    ).resolves.toMatchObject({
      status: 'needs_reauth',
      sealedAccessToken: null,
    });
  });

  it('answers host_not_connected for a meeting on a Google account the provider no longer has connected', async () => {
    const first = await signIn(emails.first);
    await connectGoogle('p-switch', 'connected', { tokens: first, accountId: subOf(emails.first) });
    const meeting = remember(await provider.create(hosts.switch, meetingSpec(), false));
    expect(meeting).toMatchObject({ hostAccountId: subOf(emails.first), hostedBy: 'provider' });

    const tryAll = async () => {
      requests.length = 0;
      for (const attempt of [
        () => provider.update(hosts.switch, meeting, meetingSpec()),
        () => provider.read(hosts.switch, meeting),
        () => provider.hostLink(hosts.switch, meeting),
        () => provider.delete(hosts.switch, meeting),
      ]) {
        const error = await failureOf(attempt());
        expect(error).toBeInstanceOf(VideoProviderError);
        expect(error).toMatchObject({ code: 'host_not_connected' });
      }
      // Nothing was asked of Google: another account's "not found" must not read as a deletion.
      expect(requests).toHaveLength(0);
    };
    // Connected to another Google account since.
    const second = await signIn(emails.second);
    await connectGoogle('p-switch', 'connected', { tokens: second, accountId: subOf(emails.second) });
    await tryAll();
    // Disconnected.
    await connectGoogle('p-switch', 'not_connected');
    await tryAll();
    expect(stored(emails.first, meeting.vendorMeetingId)?.status).toBe('confirmed');

    // A new meeting goes to the account connected now; the old one is reachable again on reconnecting.
    await connectGoogle('p-switch', 'connected', { tokens: second, accountId: subOf(emails.second) });
    const next = remember(await provider.create(hosts.switch, meetingSpec(), false));
    expect(next.hostAccountId).toBe(subOf(emails.second));
    expect(stored(emails.second, next.vendorMeetingId)).toBeDefined();
    await connectGoogle('p-switch', 'connected', { tokens: first, accountId: subOf(emails.first) });
    await provider.delete(hosts.switch, meeting);
    expect(stored(emails.first, meeting.vendorMeetingId)?.status).toBe('cancelled');
  });

  it.each([429, 403] as const)(
    'answers rate_limited with a retry a minute later on rateLimitExceeded (%i)',
    async (status) => {
      const spec = meetingSpec();
      google.sandbox.google.forceRateLimit(1, status);
      const since = lastSeq();
      const before = Date.now();
      const error = await failureOf(provider.create(hosts.own, spec, false));
      const after = Date.now();
      expect(error).toBeInstanceOf(VideoProviderError);
      expect(error).toMatchObject({ code: 'rate_limited' });
      const retryAt = (error as VideoProviderError).retryAt?.getTime() ?? 0;
      expect(retryAt).toBeGreaterThanOrEqual(before + ONE_MINUTE);
      expect(retryAt).toBeLessThanOrEqual(after + ONE_MINUTE);
      // Asked once, not hammered; nothing made.
      expect(calendarCalls(emails.own, since)).toEqual([`POST ${status}`]);
      expect(stored(emails.own, eventIdOf(spec))).toBeUndefined();
    },
  );

  it('answers rate_limited past the per-user quota (403 userRateLimitExceeded); the next attempt adopts what was made', async () => {
    const tokens = await signIn(emails.quota);
    await connectGoogle('p-quota', 'connected', { tokens, accountId: subOf(emails.quota) });
    // One call a minute: the insert passes, the re-read of its pending conference does not.
    google.sandbox.google.setQuotaPerMinute(1);
    const spec = meetingSpec();
    const since = lastSeq();
    const error = await failureOf(provider.create(hosts.quota, spec, false));
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(calendarCalls(emails.quota, since)).toEqual(['POST 200', 'GET 403']);
    google.sandbox.google.setQuotaPerMinute(600);
    const meeting = remember(await provider.create(hosts.quota, spec, true));
    expect(meeting.vendorMeetingId).toBe(eventIdOf(spec));
    expect(await eventsMarked(tokens.access_token, spec.marker)).toHaveLength(1);
  });

  it('leaves retrying a 429 to the hardened client alone (three attempts, not a second layer of retries)', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    google.sandbox.google.forceRateLimit(10, 429);
    const since = lastSeq();
    const error = await failureOf(provider.read(hosts.own, meeting));
    google.sandbox.google.forceRateLimit(0);
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(calendarCalls(emails.own, since)).toEqual(['GET 429', 'GET 429', 'GET 429']);
  });

  it("answers rate_limited at the hardened client's own retry time when Google asks to wait long", async () => {
    const retryAt = new Date(Date.now() + 15 * ONE_MINUTE);
    intercept = (request) => {
      intercept = undefined;
      return Promise.reject(new RateLimitedError(request.url, 429, retryAt, false));
    };
    const error = await failureOf(provider.create(hosts.own, meetingSpec(), false));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAt });
  });

  it('never logged a token, a Meet link or a Meet code', () => {
    expect(logged.length).toBeGreaterThan(0);
    for (const token of google.sandbox.google.issuedTokenValues()) secrets.add(token);
    expect(secrets.size).toBeGreaterThan(10);
    for (const line of logged) {
      for (const secret of secrets) {
        if (secret) expect(line).not.toContain(secret);
      }
    }
  });
});
