import { nextUtcMidnight } from '@televisit/api-zoom';
import { startSandboxServer, type RunningSandbox } from '@televisit/sandbox';
import { describeEachEngine, type RunningApi, shown, type TestDatabase, waitFor } from '@televisit/testing';
import { openDatabaseRows, type DatabaseRows } from '../chaos/database-rows';
import { connect } from '../connections/connect-fixture';
import { startStandaloneSandbox } from '../connections/standalone-sandbox';
import { call, type Caller, seedTenants, startIdentityApi, type Tenants } from '../identity/identity-fixture';

interface Appointment {
  id: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}

interface DueRow {
  id: string;
  due_at: unknown;
  lease_until: unknown;
}

const CAP = 2;
jest.setTimeout(60_000);

/**
 * Zoom's per-host daily cap on meeting creates (the fake's `zoomDailyCap`, counted per UTC day of its
 * clock, 429 with `Retry-After` at the next 00:00 UTC). What is over the cap stays `pending` with
 * `rate_limited`, is not retried before the reset (no hot loop), and is created once after it.
 *
 * The API takes its retry time from Zoom's `Retry-After`, i.e. the real next UTC midnight, and has no
 * clock of its own to move: the spec checks the due-queue time in the database, moves the fake's clock
 * past midnight (its counters reset), then brings the due time forward in the database as the passing
 * of real time would.
 */
describeEachEngine('the Zoom daily cap on meeting creates', (engine) => {
  let db: TestDatabase;
  let rows: DatabaseRows;
  let vendor: RunningSandbox;
  let api: RunningApi;
  let t: Tenants;
  /** The fake Zoom's clock: real time plus this. */
  let offsetMs = 0;

  beforeAll(async () => {
    db = await engine.create();
    // The standalone helper's options and environment, served again with a clock the spec controls.
    const standalone = await startStandaloneSandbox();
    const port = Number(new URL(standalone.running.url).port);
    await standalone.running.close();
    vendor = await startSandboxServer({ ...standalone.options, now: () => Date.now() + offsetMs }, port);
    // Moving the clock up to a day must not expire the provider's access token.
    vendor.sandbox.knobs.accessTokenLifetimeSeconds = 86_400;
    vendor.sandbox.knobs.zoomDailyCap = CAP;
    api = await startIdentityApi({ DATABASE_URL: db.url, ...standalone.env });
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.capped@zoom.test' });
    rows = await openDatabaseRows(db.url);
  }, 60_000);
  afterAll(async () => {
    await rows?.close();
    await api?.stop();
    await vendor?.close();
    await db?.drop();
  });

  const hostId = () => vendor.sandbox.zoom.findUser('dr.capped@zoom.test')?.id as string;
  const creates = () =>
    vendor.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST' })
      // `/users/me/meetings` with the provider's own token: the host is the token's subject.
      .filter((c) => /^\/v2\/users\/[^/]+\/meetings$/.test(c.path) && c.subject === hostId());
  const get = async (caller: Caller, id: string) =>
    (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment;
  /** Re-reads the appointments until `done`; on timeout the error shows the creates Zoom saw and each meeting. */
  const until = (ids: string[], what: string, done: (all: Appointment[]) => boolean) =>
    waitFor(() => Promise.all(ids.map((id) => get(t.adminA, id))), done, {
      what,
      describe: (all) =>
        shown({ creates: creates().map((c) => c.status), meetings: all.map((a) => a.meeting) }),
    });

  it('keeps what is over the cap pending until the reset, without a retry loop, then creates it once', async () => {
    const bookedAt = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
        caller: t.adminA,
        body: {
          providerId: t.providerA1.user.id,
          startTime: new Date(bookedAt + (72 + i) * 3600_000).toISOString(),
          durationMinutes: 30,
          timezone: 'UTC',
          videoProvider: 'zoom',
          patient: { displayName: `Capped Patient ${i}` },
        },
      });
      expect(reply.status).toBe(201);
      ids.push((reply.json as Appointment).id);
    }

    // Two meetings, two 429s: every booking has been tried once.
    const first = await until(
      ids,
      'a meeting create tried for each of the four bookings',
      (all) => creates().length >= 4 && all.every((a) => a.meeting.status === 'ready' || a.meeting.lastError),
    );
    expect(first.filter((a) => a.meeting.status === 'ready')).toHaveLength(CAP);
    const limited = first.filter((a) => a.meeting.status !== 'ready');
    expect(limited.map((a) => a.meeting)).toEqual([
      { status: 'pending', vendorMeetingId: null, lastError: 'rate_limited' },
      { status: 'pending', vendorMeetingId: null, lastError: 'rate_limited' },
    ]);
    expect(creates().map((c) => c.status)).toEqual([201, 201, 429, 429]);

    // The reconciler is done with all four: no lease is held, and the two ready ones left the due-queue.
    const reset = nextUtcMidnight(new Date(bookedAt));
    const limitedIds = limited.map((a) => a.id);
    const queue = await waitFor(
      () =>
        rows.all<DueRow>(`SELECT id, due_at, lease_until FROM appointments WHERE id IN (?, ?, ?, ?)`, ids),
      (all) =>
        all.length === 4 &&
        all.every((r) => r.lease_until === null && (limitedIds.includes(r.id) || r.due_at === null)),
      { what: 'the reconciler to release the four bookings (no lease; the ready ones no longer due)' },
    );
    // The retry is due at Zoom's reset (00:00 UTC), never earlier; no lease is left behind.
    const due = queue.filter((r) => limitedIds.includes(r.id));
    expect(due).toHaveLength(2);
    for (const row of due) {
      const dueAt = rows.date(row.due_at);
      expect(dueAt?.getTime()).toBeGreaterThanOrEqual(reset.getTime());
      expect(dueAt?.getTime()).toBeLessThan(reset.getTime() + 60_000);
    }
    // No hot loop: nothing is due before the reset, and nothing more reached Zoom for this host.
    expect(creates()).toHaveLength(4);
    expect(
      vendor.sandbox.calls.list({ vendor: 'zoom' }).filter((c) => c.path.includes('/meetings')),
    ).toHaveLength(4);

    // Midnight at the fake: its counters reset. Then the due time arrives (brought forward in the DB).
    offsetMs = reset.getTime() - Date.now() + 1_000;
    await rows.run(`UPDATE appointments SET due_at = ? WHERE id IN (?, ?)`, [
      rows.param(new Date()),
      ...limitedIds,
    ]);
    const after = await until(ids, 'all four meetings to be ready after the reset', (all) =>
      all.every((a) => a.meeting.status === 'ready'),
    );
    expect(after.map((a) => a.meeting.status)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(after.map((a) => a.meeting.lastError)).toEqual([null, null, null, null]);
    expect(new Set(after.map((a) => a.meeting.vendorMeetingId)).size).toBe(4);
    // One create each after the reset: four meetings in all, none twice.
    expect(creates().map((c) => c.status)).toEqual([201, 201, 429, 429, 201, 201]);
  });
});
