import { describeEachEngine, type RunningApi, type TestDatabase, waitFor } from '@televisit/testing';
import { randomBytes } from 'node:crypto';
import { openDatabaseRows } from '../chaos/database-rows';
import { connect } from '../connections/connect-fixture';
import {
  call,
  type Caller,
  type Reply,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';

interface Appointment {
  id: string;
  status: string;
  patientJoinUrl: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}

interface AuditEvent {
  action: string;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  outcome: string;
  details: Record<string, unknown>;
}

const MINUTE = 60_000;
/** What a browser sends: the SPA fallback must not answer these paths with the dashboard. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** "Tuesday 1 December 2026, 09:45 (America/Bogota)", computed here independently of the server. */
function spelled(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['weekday']} ${parts['day']} ${parts['month']} ${parts['year']}, ${parts['hour']}:${parts['minute']} (${timeZone})`;
}

function expectPage(reply: Reply, status: number, heading: RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
  expect(reply.headers.get('cache-control')).toBe('no-store');
  expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
  expect(reply.headers.get('x-robots-tag')).toMatch(/noindex/);
  expect(reply.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  expect(reply.text).toMatch(/^<!doctype html>\n<html lang="en">/);
  expect(reply.text).toMatch(heading);
  expect(reply.text).not.toMatch(/<script|http-equiv/i);
  expect(reply.text).not.toContain('Link Patient'); // the patient's name is never on the page
}

jest.setTimeout(30_000);

/** The patient link through the built API: window, meeting, pages, audit, and the token kept out of logs. */
describeEachEngine('patient join links', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;
  /** Every token this spec sends, real or made up: none may reach the API's output. */
  const tokens: string[] = [];

  beforeAll(async () => {
    db = await engine.create();
    // info: request lines for 2xx and 3xx are logged too, so the redaction check sees every request.
    api = await startIdentityApi({ DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  async function book(
    startTime: Date,
    extra: { durationMinutes?: number; timezone?: string; providerId?: string } = {},
  ): Promise<Appointment> {
    const reply = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: {
        providerId: extra.providerId ?? t.providerA1.user.id,
        startTime: startTime.toISOString(),
        durationMinutes: extra.durationMinutes ?? 30,
        timezone: extra.timezone ?? 'America/Bogota',
        videoProvider: 'zoom',
        patient: { displayName: 'Link Patient', email: 'link.patient@example.test' },
      },
    });
    if (reply.status !== 201) throw new Error(`booking answered ${reply.status}: ${reply.text}`);
    const a = reply.json as Appointment;
    tokens.push(tokenOf(a));
    return a;
  }

  const tokenOf = (a: Appointment) => new URL(a.patientJoinUrl).pathname.replace('/join/', '');
  const open = (path: string) => call(api.baseUrl, 'GET', path, { headers: BROWSER });
  const openLink = (a: Appointment) => open(new URL(a.patientJoinUrl).pathname);

  const settled = (caller: Caller, id: string, what: string, until: (a: Appointment) => boolean) =>
    waitFor(
      async () =>
        (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment,
      until,
      { what: `appointment ${id}: ${what}` },
    );

  async function joinEvents(appointmentId: string): Promise<AuditEvent[]> {
    const reply = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=join_link.used&limit=200', {
      caller: t.adminA,
    });
    expect(reply.status).toBe(200);
    return (reply.json as { data: AuditEvent[] }).data.filter((e) => e.target?.id === appointmentId);
  }

  it('inside the window, once the meeting is ready: 302 to the Zoom join URL, audited', async () => {
    const a = await book(new Date(Date.now() + 5 * MINUTE));
    const ready = await settled(
      t.keyA,
      a.id,
      'its meeting to leave pending',
      (x) => x.meeting.status !== 'pending',
    );
    expect(ready.meeting.status).toBe('ready');

    const reply = await openLink(a);
    expect(reply.status).toBe(302);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const location = new URL(reply.headers.get('location') ?? '');
    expect(location.pathname).toMatch(new RegExp(`/j/${ready.meeting.vendorMeetingId}$`));
    expect(location.searchParams.get('pwd')).toBeTruthy();
    // It is the vendor's own link: the sandbox's meeting page opens it.
    if (location.hostname === 'localhost') location.host = new URL(api.baseUrl).host;
    const vendorPage = await fetch(location);
    expect(vendorPage.status).toBe(200);
    expect(await vendorPage.text()).toContain(`Joining meeting ${ready.meeting.vendorMeetingId}`);

    const events = await joinEvents(a.id);
    expect(events).toEqual([
      expect.objectContaining({
        actor: { type: 'anonymous', id: null },
        target: { type: 'appointment', id: a.id },
        outcome: 'success',
        details: { outcome: 'redirect' },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain(tokenOf(a));
    expect(JSON.stringify(events)).not.toContain(location.pathname);
  });

  it('inside the window without a meeting: 503 "being prepared" with Retry-After', async () => {
    // Provider A2 has no Zoom and the clinic no account: the meeting fails and never becomes ready.
    const a = await book(new Date(Date.now() + 5 * MINUTE), { providerId: t.providerA2.user.id });
    const reply = await openLink(a);
    expectPage(reply, 503, /<h1>Your clinician’s meeting is being prepared<\/h1>/);
    expect(reply.headers.get('retry-after')).toBe('30');
    expect((await joinEvents(a.id)).map((e) => [e.outcome, e.details])).toEqual([
      ['failure', { outcome: 'not_ready' }],
    ]);
  });

  it('a visit next week: 200 page saying when it opens, in the booked zone, and that the link can be reopened', async () => {
    const start = new Date(Math.ceil((Date.now() + 7 * 24 * 60 * MINUTE) / (60 * MINUTE)) * 60 * MINUTE);
    const a = await book(start, { timezone: 'Asia/Kolkata' });
    const reply = await openLink(a);
    expectPage(reply, 200, /<h1>Your video visit is not open yet<\/h1>/);
    const opensAt = new Date(start.getTime() - 15 * MINUTE);
    expect(reply.text).toContain(spelled(opensAt, 'Asia/Kolkata'));
    expect(reply.text).toMatch(/\(Asia\/Kolkata\)/);
    expect(reply.text).toMatch(/Open this same link again/);
    expect(/<title>([^<]*)<\/title>/.exec(reply.text)?.[1]).toBe('Video visit not open yet');
    expect((await joinEvents(a.id)).map((e) => [e.outcome, e.details])).toEqual([
      ['denied', { outcome: 'too_early' }],
    ]);
  });

  it('a cancelled visit: 410, audited', async () => {
    const a = await book(new Date(Date.now() + 5 * MINUTE));
    const cancelled = await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, {
      caller: t.keyA,
    });
    expect(cancelled.status).toBe(200);
    expectPage(await openLink(a), 410, /<h1>This visit link is no longer active<\/h1>/);
    expect((await joinEvents(a.id)).map((e) => [e.outcome, e.details])).toEqual([
      ['denied', { outcome: 'gone' }],
    ]);
  });

  it('a visit that ended more than 30 minutes ago (booked in the past, which the API accepts): 410', async () => {
    // 30 minutes from 2 h ago: it ended 90 minutes ago, an hour after its window closed.
    const a = await book(new Date(Date.now() - 120 * MINUTE));
    expectPage(await openLink(a), 410, /<h1>This visit link is no longer active<\/h1>/);
    // Still inside the window 29 minutes after the end: a 45-minute visit that started 74 minutes ago.
    const late = await book(new Date(Date.now() - 74 * MINUTE), { durationMinutes: 45 });
    expect((await openLink(late)).status).not.toBe(410);
    expect((await joinEvents(a.id)).map((e) => e.details)).toEqual([{ outcome: 'gone' }]);
  });

  it('unknown and garbage tokens: 404 page, no database error, nothing audited', async () => {
    // Earlier tests' access-log lines (a 503 "being prepared" logs at error level) may still be on
    // their way through the pipe: start reading after a marked request's line has come through.
    const marker = `log-marker-${randomBytes(6).toString('hex')}`;
    await fetch(`${api.baseUrl}/join/marker`, { headers: { 'user-agent': marker } });
    await waitFor(
      () => api.output(),
      (out) => out.includes(marker),
      { what: 'the marker request in the API log' },
    );
    const logStart = api.output().length;
    const before = (
      (
        await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=join_link.used&limit=200', {
          caller: t.adminA,
        })
      ).json as { data: unknown[] }
    ).data.length;
    const wellFormed = randomBytes(32).toString('base64url');
    const garbage = [
      wellFormed,
      'short',
      'a'.repeat(44),
      'x'.repeat(4000),
      `${wellFormed.slice(0, 42)}%27`,
      '%27%20OR%201%3D1%20--',
      '%00',
      '%C3%A9%E2%9C%93',
      '..%2F..%2Fapi%2Fv1%2Fclinics',
      `${wellFormed.slice(0, 42)}=`,
    ];
    tokens.push(...garbage);
    for (const token of garbage) {
      const reply = await open(`/join/${token}`);
      expectPage(reply, 404, /<h1>This visit link is not valid<\/h1>/);
      expect(reply.text).not.toContain(token);
    }
    // The HEAD a link previewer sends is answered the same way, without a body.
    expect((await call(api.baseUrl, 'HEAD', `/join/${wellFormed}`)).status).toBe(404);
    const after = (
      (
        await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=join_link.used&limit=200', {
          caller: t.adminA,
        })
      ).json as { data: unknown[] }
    ).data.length;
    expect(after).toBe(before);
    const logged = api.output().slice(logStart);
    expect(logged).not.toMatch(/QueryFailedError|SQLITE_|ER_[A-Z_]+|"level":50/);
    expect(logged).toContain('a patient join link that does not exist was opened');
    expect(logged).toContain('a patient join link with a malformed token was opened');
    // Each warning names its request, as the access-log line of that request does.
    const warnings = logged
      .split('\n')
      .filter((l) => l.includes('a patient join link'))
      .map((l) => JSON.parse(l) as { requestId?: string });
    expect(warnings.length).toBeGreaterThanOrEqual(garbage.length);
    for (const w of warnings) expect(w.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes a token to the API’s output, and logs the paths redacted', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const output = api.output();
    expect(tokens.length).toBeGreaterThan(10);
    for (const token of tokens) expect(output).not.toContain(token);
    const joinLines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { url?: string } })
      .filter((l) => l.req?.url?.startsWith('/join/'));
    expect(joinLines.length).toBeGreaterThan(10);
    expect(new Set(joinLines.map((l) => l.req?.url))).toEqual(new Set(['/join/[redacted]']));
  });

  it('a database that fails the lookup: a plain 500 with its request id and security headers, logged', async () => {
    const a = await book(new Date(Date.now() + 5 * MINUTE));
    await settled(t.keyA, a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready');
    const rows = await openDatabaseRows(db.url);
    // SQLite throws at once (better-sqlite3 is synchronous); MariaDB's driver rejects later: both paths.
    await rows.run('ALTER TABLE join_links RENAME TO join_links_away');
    let reply: Reply;
    try {
      reply = await openLink(a);
    } finally {
      await rows.run('ALTER TABLE join_links_away RENAME TO join_links');
      await rows.close();
    }
    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(reply.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(reply.text).toBe('Something went wrong. Please try again.');
    const requestId = reply.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const failure = await waitFor(
      () =>
        api
          .output()
          .split('\n')
          .find((l) => l.includes('edge route failed') && l.includes(requestId)),
      (line) => line !== undefined,
      { what: 'the failure in the log' },
    );
    // What went wrong, never what the query held: SQLite's message names the table unquoted; MariaDB's
    // quotes it (masked, as any quoted value would be), and its code says it.
    expect(failure).toMatch(engine.name === 'sqlite' ? /no such table: join_links/ : /ER_NO_SUCH_TABLE/);
    expect(failure).not.toMatch(/"(sql|parameters|query)"/);
    // The link works again once its table is back.
    expect((await openLink(a)).status).toBe(302);
  });

  // Last: it restarts the API.
  it('the same browser opening its link again is counted, not written row by row; the count is written when the API stops', async () => {
    const a = await book(new Date(Date.now() + 5 * MINUTE));
    await settled(t.keyA, a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready');
    const path = new URL(a.patientJoinUrl).pathname;
    const openAs = (userAgent: string) =>
      call(api.baseUrl, 'GET', path, { headers: { ...BROWSER, 'user-agent': userAgent } });
    for (let i = 0; i < 3; i++) expect((await openAs('Patient browser')).status).toBe(302);
    expect((await openAs('Link previewer')).status).toBe(302);
    const firstUses = [
      { outcome: 'redirect' }, // the previewer
      { outcome: 'redirect' }, // the browser
    ];
    expect((await joinEvents(a.id)).map((e) => e.details)).toEqual(firstUses);

    await api.stop(); // SIGTERM: the browser's two repeats are written before the database closes
    // A fresh data directory means fresh embedded keys: what was sealed before cannot be opened by this
    // process. Fine for reading the audit trail (hashed, not sealed); nothing after this test runs.
    api = await startIdentityApi({ DATABASE_URL: db.url, LOG_LEVEL: 'info' });
    const events = await joinEvents(a.id);
    expect(events.map((e) => e.details)).toEqual([
      {
        outcome: 'redirect',
        repeats: 2,
        firstRepeatAt: expect.any(String),
        lastRepeatAt: expect.any(String),
      },
      ...firstUses,
    ]);
    expect(events[0]).toMatchObject({ outcome: 'success', target: { type: 'appointment', id: a.id } });
  });
});
