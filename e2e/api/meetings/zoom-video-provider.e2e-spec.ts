import { type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ClinicEntity, UserEntity } from '@televisit/api-auth';
import { CoreModule, loadConfig, resolveEmbeddedSecrets } from '@televisit/api-core';
import { DatabaseModule } from '@televisit/api-database';
import { HttpClient, type HttpRequest } from '@televisit/api-http';
import {
  type MeetingHost,
  type MeetingSpec,
  type VendorMeeting,
  type VideoProvider,
  VideoProviderError,
  VideoProviders,
} from '@televisit/api-mapping';
import { Vault, VaultModule } from '@televisit/api-vault';
import { nextUtcMidnight, ZoomModule } from '@televisit/api-zoom';
import { type RunningSandbox, startSandboxServer } from '@televisit/sandbox';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * The Zoom VideoProvider (libs/api/zoom/src/meetings) in a Nest module wired as the app wires it, on
 * SQLite and MariaDB, against the fake Zoom running standalone on loopback. Here rather than beside
 * the provider because a vendor library may not import the sandbox (module boundaries).
 */

const USER_APP = { clientId: 'tv-zoom-app', clientSecret: `zs-${randomBytes(12).toString('hex')}` };
const REDIRECT_URI = 'http://127.0.0.1:9/oauth/zoom/callback';
const ZOOM_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const TWO_HOURS = 2 * 3_600_000;

/** Every privacy setting the provider must send, whatever the account's defaults. */
const PRIVACY = {
  waiting_room: true,
  join_before_host: false,
  mute_upon_entry: true,
  auto_recording: 'none',
  meeting_authentication: false,
  approval_type: 2,
  use_pmi: false,
};

/** The sealed-column binding of `connections` rows (auth's tokenBinding; not exported by auth). */
const connectionBinding = (rowId: string, column: 'access_token' | 'refresh_token') => ({
  table: 'connections',
  column,
  rowId,
});
/** The sealed-column binding of `clinic_zoom_accounts` rows (the zoom library's accountBinding). */
const accountBinding = (rowId: string, column: 'client_secret' | 'access_token') => ({
  table: 'clinic_zoom_accounts',
  column,
  rowId,
});

interface ZoomMeetingJson {
  id: number;
  host_id: string;
  topic: string;
  agenda: string;
  start_time: string;
  duration: number;
  timezone: string;
  join_url: string;
  start_url: string;
  password?: string;
  settings: Record<string, unknown>;
}

async function fetchJson<T>(url: string, init: RequestInit = {}): Promise<{ status: number; json: T }> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

describeEachEngine('Zoom VideoProvider against the fake Zoom', (engine) => {
  let db: TestDatabase;
  let zoom: RunningSandbox;
  let zoomBase: string;
  let app: INestApplication;
  let dataSource: DataSource;
  let vault: Vault;
  let provider: VideoProvider;
  let requests: HttpRequest[];
  const logged: string[] = [];
  /** Values that must never reach a log line. */
  const secrets = new Set<string>();

  const S2S = {
    accountId: `acct-${randomBytes(4).toString('hex')}`,
    clientId: `s2s-${randomBytes(4).toString('hex')}`,
    clientSecret: `s2s-secret-${randomBytes(12).toString('hex')}`,
  };
  const emails = {
    owner: 'owner@clinic-one.test',
    s2s: 'dr.s2s@clinic-one.test',
    paging: 'dr.paging@clinic-one.test',
    reauth: 'dr.reauth@clinic-one.test',
    own: 'dr.own@personal-zoom.test',
    later: 'dr.later@clinic-one.test',
    laterOwn: 'dr.later@personal-zoom.test',
    away: 'dr.away@personal-zoom.test',
    awayAtClinic: 'dr.away@clinic-one.test',
  };
  const hosts = {
    own: { providerId: 'p-own', clinicId: 'c1' },
    s2s: { providerId: 'p-s2s', clinicId: 'c1' },
    paging: { providerId: 'p-paging', clinicId: 'c1' },
    reauth: { providerId: 'p-reauth', clinicId: 'c1' },
    noZoomUser: { providerId: 'p-none', clinicId: 'c1' },
    noAccount: { providerId: 'p-c2', clinicId: 'c2' },
  } satisfies Record<string, MeetingHost>;
  let ownToken: string;
  let accountToken: string;

  /** The user OAuth flow with PKCE as a browser and televisit would drive it. */
  async function signIn(email: string) {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const consent = await fetch(`${zoomBase}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: USER_APP.clientId,
        redirect_uri: REDIRECT_URI,
        state: 'st',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        email,
        decision: 'allow',
      }).toString(),
    });
    expect(consent.status).toBe(302);
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    return token(USER_APP, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
  }

  async function token(client: { clientId: string; clientSecret: string }, form: Record<string, string>) {
    const answer = await fetchJson<{
      access_token: string;
      refresh_token?: string;
      expires_in: number;
      scope: string;
    }>(`${zoomBase}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams(form).toString(),
    });
    expect(answer.status).toBe(200);
    return answer.json;
  }

  /** The meeting as Zoom holds it, read with a token of our own (not through the provider). */
  async function vendorMeeting(id: string, bearer: string): Promise<ZoomMeetingJson | undefined> {
    const answer = await fetchJson<ZoomMeetingJson>(`${zoomBase}/v2/meetings/${id}`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    return answer.status === 200 ? answer.json : undefined;
  }

  function meetingSpec(overrides: Partial<MeetingSpec> = {}): MeetingSpec {
    // Tomorrow-ish, with milliseconds, so the format has something to drop.
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
    secrets.add(meeting.vendorMeetingId);
    if (meeting.passcode) secrets.add(meeting.passcode);
    return meeting;
  }

  const zoomCalls = () => zoom.sandbox.calls.list({ vendor: 'zoom' });
  const creates = (subject: string) =>
    zoom.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST', subject })
      .filter((call) => /^\/v2\/users\/[^/]+\/meetings$/.test(call.path));

  async function insertUser(id: string, clinicId: string, zoomUser: string | null): Promise<void> {
    await dataSource.getRepository(UserEntity).save({
      id,
      clinicId,
      email: `${id}@clinics.test`,
      name: id,
      role: 'provider',
      passwordHash: 'x',
      zoomUser,
      disabledAt: null,
    });
  }

  async function insertConnection(
    userId: string,
    status: 'connected' | 'needs_reauth',
    tokens?: { access: string; refresh: string; expiresIn: number; accountId: string },
  ): Promise<void> {
    const id = randomUUID();
    await dataSource.getRepository('connections').insert({
      id,
      userId,
      clinicId: 'c1',
      vendor: 'zoom',
      status,
      accountId: tokens?.accountId ?? null,
      accountEmail: null,
      scopes: ['meeting:write:meeting', 'meeting:read:meeting'],
      sealedAccessToken: tokens ? vault.seal(tokens.access, connectionBinding(id, 'access_token')) : null,
      sealedRefreshToken: tokens ? vault.seal(tokens.refresh, connectionBinding(id, 'refresh_token')) : null,
      accessExpiresAt: tokens ? new Date(Date.now() + tokens.expiresIn * 1000) : null,
      connectedAt: new Date(),
      lastError: status === 'needs_reauth' ? 'invalid_grant' : null,
      leaseOwner: null,
      leaseUntil: null,
      tokenVersion: 0,
    });
  }

  beforeAll(async () => {
    for (const level of ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      });
    }
    zoom = await startSandboxServer({
      zoom: { client: USER_APP },
      google: { client: { clientId: 'g.apps.test', clientSecret: 'g-secret' } },
    });
    zoomBase = `${zoom.url}/sandbox/zoom`;
    zoom.sandbox.zoom.registerServerToServerApp(S2S);
    for (const email of [emails.owner, emails.s2s, emails.paging, emails.reauth, emails.later]) {
      zoom.sandbox.zoom.addUser(S2S.accountId, { email });
    }

    db = await engine.create();
    const config = resolveEmbeddedSecrets(
      loadConfig({
        DATABASE_URL: db.url,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tv-zoom-meetings-')),
        SANDBOX: 'false',
        ZOOM_CLIENT_ID: USER_APP.clientId,
        ZOOM_CLIENT_SECRET: USER_APP.clientSecret,
        ZOOM_OAUTH_BASE_URL: zoomBase,
        ZOOM_API_BASE_URL: `${zoomBase}/v2`,
      }),
    );
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, []), DatabaseModule.forRoot(config), VaultModule, ZoomModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    dataSource = moduleRef.get(DataSource);
    vault = moduleRef.get(Vault);
    provider = moduleRef.get(VideoProviders).get('zoom');
    const http = moduleRef.get(HttpClient);
    const send = http.request.bind(http);
    requests = [];
    jest.spyOn(http, 'request').mockImplementation((request) => {
      requests.push(request);
      return send(request);
    });

    await dataSource.getRepository(ClinicEntity).save({ id: 'c1', name: 'Clinic one', timezone: 'UTC' });
    await dataSource.getRepository(ClinicEntity).save({ id: 'c2', name: 'Clinic two', timezone: 'UTC' });
    // Own connection, and a zoomUser too: the connection must win.
    await insertUser('p-own', 'c1', emails.owner);
    await insertUser('p-s2s', 'c1', emails.s2s);
    await insertUser('p-paging', 'c1', emails.paging);
    await insertUser('p-reauth', 'c1', emails.reauth);
    await insertUser('p-none', 'c1', null);
    await insertUser('p-later', 'c1', emails.later);
    await insertUser('p-c2', 'c2', 'someone@clinic-two.test');

    const granted = await signIn(emails.own);
    ownToken = granted.access_token;
    await insertConnection('p-own', 'connected', {
      access: granted.access_token,
      refresh: granted.refresh_token ?? '',
      expiresIn: granted.expires_in,
      accountId: zoom.sandbox.zoom.findUser(emails.own)?.id ?? '',
    });
    await insertConnection('p-reauth', 'needs_reauth');
    await dataSource.getRepository('clinic_zoom_accounts').insert({
      clinicId: 'c1',
      accountId: S2S.accountId,
      clientId: S2S.clientId,
      sealedClientSecret: vault.seal(S2S.clientSecret, accountBinding('c1', 'client_secret')),
      sealedAccessToken: null,
      accessExpiresAt: null,
      leaseOwner: null,
      leaseUntil: null,
      tokenVersion: 0,
      lastError: null,
    });
    accountToken = (await token(S2S, { grant_type: 'account_credentials', account_id: S2S.accountId }))
      .access_token;
    for (const value of [
      ownToken,
      accountToken,
      granted.refresh_token ?? '',
      emails.s2s,
      emails.paging,
      emails.later,
    ]) {
      secrets.add(value);
    }
    secrets.add(encodeURIComponent(emails.s2s));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await zoom?.close();
    await db?.drop();
    jest.restoreAllMocks();
  });

  beforeEach(() => {
    zoom.sandbox.knobs.zoomDailyCap = 100;
  });

  it('creates with every privacy setting explicit, the marker as agenda and a UTC start_time', async () => {
    const spec = meetingSpec();
    requests.length = 0;
    const meeting = remember(await provider.create(hosts.own, spec, false));

    const sent = requests.find((r) => r.method === 'POST' && r.url.endsWith('/users/me/meetings'));
    const body = sent?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 2,
      topic: 'Video visit',
      agenda: spec.marker,
      duration: 30,
      timezone: 'America/Chicago',
      settings: PRIVACY,
    });
    expect(body['start_time']).toMatch(ZOOM_TIME);
    expect(body['start_time']).toBe(spec.startTime.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(body['password']).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(Object.keys(body)).not.toContain('registration_type');

    // Zoom has it as sent, hosted on the provider's own Zoom user.
    const ownUserId = zoom.sandbox.zoom.findUser(emails.own)?.id;
    const stored = await vendorMeeting(meeting.vendorMeetingId, ownToken);
    expect(stored).toMatchObject({
      host_id: ownUserId,
      agenda: spec.marker,
      topic: 'Video visit',
      start_time: body['start_time'],
      duration: 30,
      timezone: 'America/Chicago',
      password: body['password'],
      // mute_upon_entry is off in the account defaults: on here means it was sent.
      settings: expect.objectContaining(PRIVACY),
    });
    expect(meeting).toMatchObject({
      vendorMeetingId: String(stored?.id),
      hostAccountId: ownUserId,
      joinUrl: stored?.join_url,
      passcode: body['password'],
    });
    expect(meeting.vendorMeetingUuid).toEqual(expect.any(String));
    expect(JSON.stringify(meeting)).not.toContain(stored?.start_url.split('?')[0] ?? 'never');
    expect(creates(ownUserId ?? '')).toHaveLength(1);
  });

  it('asks for sign-in only when the spec requires it', async () => {
    const meeting = remember(
      await provider.create(hosts.own, meetingSpec({ requireAuthentication: true }), false),
    );
    expect(meeting.settings['meeting_authentication']).toBe(true);
    expect((await vendorMeeting(meeting.vendorMeetingId, ownToken))?.settings['meeting_authentication']).toBe(
      true,
    );
  });

  it("keeps the settings Zoom returned (an account's locked security included), not what was sent", async () => {
    zoom.sandbox.zoom.forceSecurity(S2S.accountId, { waitingRoom: true, passcode: true });
    try {
      const meeting = remember(await provider.create(hosts.s2s, meetingSpec(), false));
      const stored = await vendorMeeting(meeting.vendorMeetingId, accountToken);
      expect(meeting.settings).toEqual(stored?.settings);
      expect(meeting.passcode).toBe(stored?.password);
      // Keys only Zoom's answer carries: the account's own defaults.
      expect(meeting.settings).toMatchObject({ encryption_type: 'enhanced_encryption', waiting_room: true });
    } finally {
      zoom.sandbox.zoom.forceSecurity(S2S.accountId, { waitingRoom: false, passcode: false });
    }
  });

  it('on a retry adopts the meeting carrying the marker and creates no second one', async () => {
    const spec = meetingSpec();
    const ownUserId = zoom.sandbox.zoom.findUser(emails.own)?.id ?? '';
    const first = remember(await provider.create(hosts.own, spec, false));
    const before = creates(ownUserId).length;
    requests.length = 0;
    const again = await provider.create(hosts.own, spec, true);
    expect(again.vendorMeetingId).toBe(first.vendorMeetingId);
    expect(again.joinUrl).toBe(first.joinUrl);
    expect(again.passcode).toBe(first.passcode);
    expect(creates(ownUserId).length).toBe(before);
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET /sandbox/zoom/v2/users/me/meetings`,
      `GET /sandbox/zoom/v2/meetings/${first.vendorMeetingId}`,
    ]);
    expect(new URL(requests[0]?.url ?? '').searchParams.get('type')).toBe('upcoming');
  });

  it('on a retry adopts a meeting made before the appointment moved, and moves it to the booking', async () => {
    const booked = meetingSpec();
    const ownUserId = zoom.sandbox.zoom.findUser(emails.own)?.id ?? '';
    const first = remember(await provider.create(hosts.own, booked, false));
    const before = creates(ownUserId).length;
    const moved = {
      ...booked,
      startTime: new Date(booked.startTime.getTime() + 3_600_000),
      durationMinutes: 45,
    };
    const adopted = await provider.create(hosts.own, moved, true);
    expect(adopted.vendorMeetingId).toBe(first.vendorMeetingId);
    expect(adopted.joinUrl).toBe(first.joinUrl);
    expect(creates(ownUserId).length).toBe(before);
    expect(await vendorMeeting(first.vendorMeetingId, ownToken)).toMatchObject({
      start_time: moved.startTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      duration: 45,
    });
  });

  it('on a retry with no marked meeting, creates it once', async () => {
    const spec = meetingSpec();
    const ownUserId = zoom.sandbox.zoom.findUser(emails.own)?.id ?? '';
    const before = creates(ownUserId).length;
    const meeting = remember(await provider.create(hosts.own, spec, true));
    expect(creates(ownUserId).length).toBe(before + 1);
    expect((await vendorMeeting(meeting.vendorMeetingId, ownToken))?.agenda).toBe(spec.marker);
  });

  it('follows next_page_token through a host with more than one page of meetings', async () => {
    zoom.sandbox.knobs.zoomDailyCap = 1000;
    const pagingUser = zoom.sandbox.zoom.findUser(emails.paging)?.id ?? '';
    const soon = Date.now() + 3 * 3_600_000;
    for (let i = 0; i < 305; i++) {
      const answer = await fetch(`${zoomBase}/v2/users/${pagingUser}/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accountToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 2,
          topic: 'Other',
          agenda: `other-${i}`,
          duration: 15,
          start_time: new Date(soon + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        }),
      });
      expect(answer.status).toBe(201);
    }
    // Starts after every other one, so it sorts onto the second page.
    const spec = meetingSpec({ startTime: new Date(Date.now() + 30 * 24 * 3_600_000) });
    const first = remember(await provider.create(hosts.paging, spec, false));
    const before = creates(pagingUser).length;
    requests.length = 0;
    const again = await provider.create(hosts.paging, spec, true);
    expect(again.vendorMeetingId).toBe(first.vendorMeetingId);
    expect(again.hostAccountId).toBe(pagingUser);
    expect(creates(pagingUser).length).toBe(before);
    const lists = requests.filter((r) => r.method === 'GET' && new URL(r.url).pathname.endsWith('/meetings'));
    expect(lists).toHaveLength(2);
    expect(new URL(lists[0]?.url ?? '').searchParams.get('page_size')).toBe('300');
    expect(new URL(lists[1]?.url ?? '').searchParams.get('next_page_token')).toBeTruthy();
  }, 60_000);

  it('moves the same meeting on update: same id, same join URL, new time', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    const moved = meetingSpec({
      startTime: new Date(Date.now() + 50 * 3_600_000 + 123),
      durationMinutes: 45,
      timezone: 'Europe/Berlin',
      topic: 'Follow-up visit',
    });
    const updated = await provider.update(hosts.own, meeting, moved);
    expect(updated.vendorMeetingId).toBe(meeting.vendorMeetingId);
    expect(updated.joinUrl).toBe(meeting.joinUrl);
    expect(updated.passcode).toBe(meeting.passcode);
    expect(await vendorMeeting(meeting.vendorMeetingId, ownToken)).toMatchObject({
      start_time: moved.startTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      duration: 45,
      timezone: 'Europe/Berlin',
      topic: 'Follow-up visit',
      join_url: meeting.joinUrl,
    });
  });

  it('deletes; deleting again is fine; reading it afterwards is null', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    await expect(provider.read(hosts.own, meeting)).resolves.toMatchObject({
      vendorMeetingId: meeting.vendorMeetingId,
      joinUrl: meeting.joinUrl,
    });
    await provider.delete(hosts.own, meeting);
    await expect(provider.delete(hosts.own, meeting)).resolves.toBeUndefined();
    await expect(provider.read(hosts.own, meeting)).resolves.toBeNull();
    await expect(vendorMeeting(meeting.vendorMeetingId, ownToken)).resolves.toBeUndefined();
    await expect(provider.hostLink(hosts.own, meeting)).rejects.toMatchObject({ code: 'meeting_not_found' });
    await expect(provider.update(hosts.own, meeting, meetingSpec())).rejects.toMatchObject({
      code: 'meeting_not_found',
    });
  });

  it('moves a meeting the host has started only once it is over (meeting_in_progress until then)', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    const moved = meetingSpec({ durationMinutes: 50 });
    expect(zoom.sandbox.zoom.runMeeting(meeting.vendorMeetingId, 'started')).toBe(true);
    await expect(provider.update(hosts.own, meeting, moved)).rejects.toMatchObject({
      code: 'meeting_in_progress',
    });
    expect((await vendorMeeting(meeting.vendorMeetingId, ownToken))?.duration).toBe(30);
    zoom.sandbox.zoom.runMeeting(meeting.vendorMeetingId, 'ended');
    await provider.update(hosts.own, meeting, moved);
    expect((await vendorMeeting(meeting.vendorMeetingId, ownToken))?.duration).toBe(50);
  });

  it('leaves a meeting under way or over to Zoom, which will not delete it, asking once', async () => {
    for (const progress of ['started', 'ended'] as const) {
      const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
      zoom.sandbox.zoom.runMeeting(meeting.vendorMeetingId, progress);
      requests.length = 0;
      await expect(provider.delete(hosts.own, meeting)).resolves.toBeUndefined();
      expect(requests.map((r) => r.method)).toEqual(['DELETE']);
      expect(await vendorMeeting(meeting.vendorMeetingId, ownToken)).toBeDefined();
    }
  });

  it('answers vendor_refused for a request Zoom refuses as such (a 400), not a retryable error', async () => {
    const spec = meetingSpec({ topic: 'x'.repeat(201) });
    await expect(provider.create(hosts.own, spec, false)).rejects.toMatchObject({
      name: 'VideoProviderError',
      code: 'vendor_refused',
      message: expect.stringContaining('code 300'),
    });
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    await expect(provider.update(hosts.own, meeting, spec)).rejects.toMatchObject({ code: 'vendor_refused' });
  });

  it('mints a fresh host link on every call, good for about two hours', async () => {
    const meeting = remember(await provider.create(hosts.own, meetingSpec(), false));
    const before = Date.now();
    const one = await provider.hostLink(hosts.own, meeting);
    const two = await provider.hostLink(hosts.own, meeting);
    const after = Date.now();
    secrets.add(one.url);
    secrets.add(two.url);
    expect(one.url).not.toBe(two.url);
    for (const link of [one, two]) {
      expect(link.expiresAt.getTime()).toBeGreaterThanOrEqual(before + TWO_HOURS);
      expect(link.expiresAt.getTime()).toBeLessThanOrEqual(after + TWO_HOURS);
      expect((await fetch(link.url)).status).toBe(200);
    }
  });

  it("falls back to the clinic's Server-to-Server account, hosting on the provider's zoomUser", async () => {
    const s2sUser = zoom.sandbox.zoom.findUser(emails.s2s)?.id ?? '';
    const owner = zoom.sandbox.zoom.findUser(emails.owner)?.id ?? '';
    const before = creates(s2sUser).length;
    const meeting = remember(await provider.create(hosts.s2s, meetingSpec(), false));
    expect(meeting.hostAccountId).toBe(s2sUser);
    expect(meeting.hostAccountId).not.toBe(owner);
    expect(creates(s2sUser).length).toBe(before + 1);
    expect((await vendorMeeting(meeting.vendorMeetingId, accountToken))?.host_id).toBe(s2sUser);
    const link = await provider.hostLink(hosts.s2s, meeting);
    secrets.add(link.url);
    await provider.delete(hosts.s2s, meeting);
    await expect(provider.read(hosts.s2s, meeting)).resolves.toBeNull();
  });

  it('keeps acting on a meeting as its host after the provider connects a Zoom account of their own', async () => {
    const later = { providerId: 'p-later', clinicId: 'c1' };
    const accountUser = zoom.sandbox.zoom.findUser(emails.later)?.id ?? '';
    const meeting = remember(await provider.create(later, meetingSpec(), false));
    expect(meeting.hostAccountId).toBe(accountUser);

    const granted = await signIn(emails.laterOwn);
    secrets.add(granted.access_token);
    secrets.add(granted.refresh_token ?? '');
    const ownUser = zoom.sandbox.zoom.findUser(emails.laterOwn)?.id ?? '';
    await insertConnection('p-later', 'connected', {
      access: granted.access_token,
      refresh: granted.refresh_token ?? '',
      expiresIn: granted.expires_in,
      accountId: ownUser,
    });
    // Their own token cannot see a meeting of the clinic's account: Zoom answers 3001 to it.
    expect(await vendorMeeting(meeting.vendorMeetingId, granted.access_token)).toBeUndefined();

    // The existing meeting is still acted on through the clinic's account, where it lives.
    const moved = await provider.update(
      later,
      meeting,
      meetingSpec({ startTime: new Date(Date.now() + 50 * 3_600_000) }),
    );
    expect(moved).toMatchObject({ vendorMeetingId: meeting.vendorMeetingId, hostAccountId: accountUser });
    secrets.add((await provider.hostLink(later, meeting)).url);
    expect(await provider.read(later, meeting)).not.toBeNull();
    // A new meeting is hosted by the account they connected.
    const next = remember(await provider.create(later, meetingSpec(), false));
    expect(next.hostAccountId).toBe(ownUser);
    await provider.delete(later, meeting);
    await expect(provider.read(later, meeting)).resolves.toBeNull();
    await provider.delete(later, next);
  });

  it('answers host_not_connected for a meeting on the provider’s own Zoom once they disconnect it, and reaches it again when they reconnect', async () => {
    const away = { providerId: 'p-away', clinicId: 'c1' };
    // A Zoom user on the clinic's account too: the clinic's account must still not be tried.
    zoom.sandbox.zoom.addUser(S2S.accountId, { email: emails.awayAtClinic });
    await insertUser('p-away', 'c1', emails.awayAtClinic);
    const granted = await signIn(emails.away);
    secrets.add(granted.access_token);
    secrets.add(granted.refresh_token ?? '');
    const ownUser = zoom.sandbox.zoom.findUser(emails.away)?.id ?? '';
    const connectWith = async (tokens: typeof granted) => {
      await dataSource.getRepository('connections').delete({ userId: 'p-away' });
      await insertConnection('p-away', 'connected', {
        access: tokens.access_token,
        refresh: tokens.refresh_token ?? '',
        expiresIn: tokens.expires_in,
        accountId: ownUser,
      });
    };
    await connectWith(granted);
    const meeting = remember(await provider.create(away, meetingSpec(), false));
    expect(meeting).toMatchObject({ hostAccountId: ownUser, hostedBy: 'provider' });

    // Disconnected as televisit does it: tokens erased, the Zoom account forgotten.
    await dataSource.getRepository('connections').update(
      { userId: 'p-away' },
      {
        status: 'not_connected',
        accountId: null,
        sealedAccessToken: null,
        sealedRefreshToken: null,
        accessExpiresAt: null,
      },
    );
    requests.length = 0;
    const later = meetingSpec({ startTime: new Date(Date.now() + 60 * 3_600_000) });
    for (const attempt of [
      () => provider.update(away, meeting, later),
      () => provider.read(away, meeting),
      () => provider.hostLink(away, meeting),
      () => provider.delete(away, meeting),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VideoProviderError);
      expect(error).toMatchObject({ code: 'host_not_connected' });
    }
    // Nothing was asked of Zoom (not of the clinic's account either), and the meeting is still there.
    expect(requests).toHaveLength(0);
    expect(await vendorMeeting(meeting.vendorMeetingId, granted.access_token)).toBeDefined();

    // Connected to the same Zoom account again: the meeting is theirs to move and delete again.
    const again = await signIn(emails.away);
    secrets.add(again.access_token);
    secrets.add(again.refresh_token ?? '');
    await connectWith(again);
    const moved = await provider.update(away, meeting, later);
    expect(moved).toMatchObject({ vendorMeetingId: meeting.vendorMeetingId, hostedBy: 'provider' });
    await provider.delete(away, meeting);
    await expect(provider.read(away, meeting)).resolves.toBeNull();
  });

  it('refuses with zoom_not_connected without a connection and without a usable Server-to-Server host', async () => {
    for (const host of [hosts.noAccount, hosts.noZoomUser]) {
      const error = await provider.create(host, meetingSpec(), false).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VideoProviderError);
      expect(error).toMatchObject({ code: 'zoom_not_connected' });
    }
  });

  it('answers connection_needs_reauth for a broken own connection, never falling back to the clinic account', async () => {
    const calls = zoomCalls().length;
    requests.length = 0;
    const error = await provider.create(hosts.reauth, meetingSpec(), false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'connection_needs_reauth' });
    expect(requests).toHaveLength(0);
    expect(zoomCalls().length).toBe(calls);
    expect(creates(zoom.sandbox.zoom.findUser(emails.reauth)?.id ?? '')).toHaveLength(0);
  });

  it("answers rate_limited until the next 00:00 UTC at Zoom's daily cap", async () => {
    zoom.sandbox.knobs.zoomDailyCap = 0;
    const ownUserId = zoom.sandbox.zoom.findUser(emails.own)?.id ?? '';
    const before = zoom.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST', subject: ownUserId })
      .filter((call) => call.status === 429).length;
    const error = await provider.create(hosts.own, meetingSpec(), false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'rate_limited', retryAt: nextUtcMidnight(new Date()) });
    // Asked once, not hammered.
    const after = zoom.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST', subject: ownUserId })
      .filter((call) => call.status === 429).length;
    expect(after - before).toBe(1);
  });

  // Last but one: every token Zoom issued so far stops working here.
  it('renews a token Zoom refuses although it looked fresh, once, and makes the call again', async () => {
    zoom.sandbox.zoom.expireAccessTokens();
    const s2sUser = emails.s2s; // the provider's zoomUser, in the path
    const lastSeq = () => Math.max(0, ...zoomCalls().map((c) => c.seq));
    /** Creates since `seq`, by who they were for (a refused call names no Zoom user). */
    const createsSince = (seq: number) =>
      zoomCalls()
        .filter((c) => c.seq > seq && c.method === 'POST' && /^\/v2\/users\/[^/]+\/meetings$/.test(c.path))
        .map((c) => `${c.path.split('/')[3]} ${c.status}`);
    const since = lastSeq();
    const viaAccount = remember(await provider.create(hosts.s2s, meetingSpec(), false));
    const viaOwn = remember(await provider.create(hosts.own, meetingSpec(), false));
    expect([viaAccount.hostedBy, viaOwn.hostedBy]).toEqual(['clinic', 'provider']);
    expect(createsSince(since)).toEqual([
      `${encodeURIComponent(s2sUser)} 401`,
      `${encodeURIComponent(s2sUser)} 201`,
      'me 401',
      'me 201',
    ]);
    // The renewed tokens were kept: the next calls are not refused.
    const next = lastSeq();
    remember(await provider.create(hosts.own, meetingSpec(), false));
    expect(createsSince(next)).toEqual(['me 201']);
  });

  it('never logged a token, join URL, passcode, start URL, meeting id or Zoom user email', () => {
    expect(logged.length).toBeGreaterThan(0);
    expect(secrets.size).toBeGreaterThan(10);
    for (const line of logged) {
      for (const secret of secrets) {
        if (secret) expect(line).not.toContain(secret);
      }
    }
  });
});
