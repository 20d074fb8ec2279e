import { createSandbox, type Sandbox } from '@televisit/sandbox';
import {
  DATABASE_ENGINES,
  describeWithService,
  type RunningApi,
  startBuiltApi,
  type TestDatabase,
} from '@televisit/testing';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '../connections/connect-fixture';
import { sharedProcessEnv, startStandaloneSandbox } from '../connections/standalone-sandbox';
import { call, PLATFORM_ADMIN, seedTenants, type Tenants } from '../identity/identity-fixture';
import { type DatabaseRows, openDatabaseRows } from './database-rows';

const APPOINTMENTS = 300;
const CONCURRENCY = 6;
/** Booked before one of the two processes is SIGKILLed (and restarted). */
const KILL_AFTER = 120;
const CONVERGE_MS = 60_000;
const FAULTS = { failureRate: 0.2, timeoutRate: 0.05, timeoutHoldMs: 3_000 };
/**
 * Share of meeting creates Zoom performs but whose 201 never reaches the API (the socket is cut after
 * the meeting exists). The knobs' faults strike before the fake's handler runs, so they never create a
 * meeting: without this, only the SIGKILL would exercise the adopt-on-retry path.
 */
const LOST_RESPONSE_RATE = 0.05;
const CREATE_PATH = /^\/v2\/users\/[^/]+\/meetings$/;

interface Appointment {
  id: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}
interface MappingRow {
  appointment_id: string;
  marker: string;
  zoom_meeting_id: string | null;
}
/** What the fake Zoom keeps of a meeting (ZoomFake offers no accessor: see `fakeMeetings`). */
interface FakeMeeting {
  id: number;
  hostId: string;
  agenda: string;
  deleted: boolean;
}

jest.setTimeout(240_000);

/**
 * Exactly one Zoom meeting per appointment, whatever happens: two API processes (workers on) on one
 * MariaDB, fake Zoom answering 20% 5xx, 5% never, and cutting 5% of created meetings' responses; 300
 * bookings; one process SIGKILLed mid-run and restarted; faults then off. Every appointment ends
 * `ready` with exactly one meeting at the fake carrying its marker, and no meeting at the fake is
 * anyone else's or no one's.
 */
describeWithService('mariadb', 'exactly one Zoom meeting per appointment under chaos [mariadb]', () => {
  let db: TestDatabase;
  let rows: DatabaseRows;
  let sandbox: Sandbox;
  let server: Server;
  let env: Record<string, string>;
  const apis: Array<RunningApi | undefined> = [];
  let t: Tenants;
  const lost = new Set<string>();

  beforeAll(async () => {
    db = await DATABASE_ENGINES.mariadb.create();
    // The standalone helper's options and environment, served by a server that can also lose responses.
    const standalone = await startStandaloneSandbox();
    const port = Number(new URL(standalone.running.url).port);
    await standalone.running.close();
    sandbox = createSandbox(standalone.options);
    const app = express();
    app.disable('x-powered-by');
    app.use('/sandbox/zoom', loseCreatedResponses(lost));
    app.use('/sandbox', sandbox.router);
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    sandbox.knobs.zoomDailyCap = 1_000_000;

    env = {
      ...sharedProcessEnv(db.url),
      BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
      WORKER: 'true',
      // Hundreds of bookings, retries and reads with one key inside a minute: not what the limit guards.
      API_KEY_RATE_LIMIT: '100000',
      ...standalone.env,
    };
    // One at a time: the first migrates and creates the platform admin.
    apis.push(await startBuiltApi(env));
    apis.push(await startBuiltApi(env));
    t = await seedTenants(apis[0]?.baseUrl as string);
    await connect(apis[0]?.baseUrl as string, t.providerA1, 'zoom', { email: 'dr.chaos@zoom.test' });
    rows = await openDatabaseRows(db.url);
  }, 90_000);
  afterAll(async () => {
    // Faults off first: a stopping API drains its whole due-queue before it exits.
    if (sandbox) Object.assign(sandbox.knobs, { failureRate: 0, timeoutRate: 0 });
    lostRate = 0;
    await rows?.close();
    for (const api of apis) await api?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await db?.drop();
  });

  /** Bookings whose Idempotency-Key stayed `in_flight` after the process serving it was killed. */
  const stuckKeys: string[] = [];

  /**
   * Books appointment `i` on process `i % 2`, failing over (same Idempotency-Key, same body) while one
   * is down. A key left `in_flight` by the killed process answers 409 until it is stale, then the
   * retry takes it over (or, if the first attempt had committed, gets that appointment back).
   */
  async function book(i: number): Promise<string> {
    const body = {
      providerId: t.providerA1.user.id,
      startTime: new Date(Date.now() + (48 + i) * 3600_000).toISOString(),
      durationMinutes: 30,
      timezone: 'UTC',
      videoProvider: 'zoom',
      externalId: `chaos-${i}`,
      patient: { displayName: `Chaos Patient ${i}` },
    };
    let key = `chaos-${i}`;
    let inFlight = 0;
    for (let attempt = 0; attempt < 600; attempt++) {
      const api = apis[(i + attempt) % apis.length];
      if (api) {
        try {
          const reply = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
            caller: t.keyA,
            headers: { 'idempotency-key': key },
            body,
          });
          if (reply.status === 201) return (reply.json as Appointment).id;
          const code = (reply.json as { code?: string } | undefined)?.code;
          // A key whose request died with its process is taken over once stale (30 s): keep retrying.
          if (code === 'idempotency_in_flight' && ++inFlight >= 450) {
            stuckKeys.push(key);
            key = `${key}-again`;
          } else if (code === 'external_id_taken') {
            const [row] = await rows.all<{ id: string }>(
              `SELECT id FROM appointments WHERE external_id = ?`,
              [body.externalId],
            );
            if (row) return row.id;
          } else if (code !== 'idempotency_in_flight') {
            throw new Error(`booking ${i} answered ${reply.status}: ${reply.text}`);
          }
        } catch (error) {
          // fetch failed (the process died under it); not `instanceof`: Node's realm, not Jest's.
          if ((error as Error).message !== 'fetch failed') throw error;
        }
      }
      await sleep(100);
    }
    throw new Error(`booking ${i} did not go through`);
  }

  it('converges to exactly one meeting per appointment after faults and a SIGKILL', async () => {
    const started = Date.now();
    Object.assign(sandbox.knobs, FAULTS);
    const ids: string[] = [];
    let next = 0;
    let killedAt = 0;
    let restart: Promise<void> | undefined;
    const workers = Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < APPOINTMENTS; i = next++) {
        ids[i] = await book(i);
        if (ids.filter(Boolean).length >= KILL_AFTER && !restart) {
          const victim = apis[1] as RunningApi;
          apis[1] = undefined;
          killedAt = Date.now() - started;
          restart = victim.kill().then(async () => {
            await sleep(500);
            apis[1] = await startBuiltApi(env);
          });
        }
      }
    });
    await Promise.all(workers);
    await restart;
    const bookedMs = Date.now() - started;

    // Faults stay on until every appointment has had a create attempted (at most 90 s more).
    const attemptedBy = Date.now() + 90_000;
    let attempted = 0;
    while (Date.now() < attemptedBy) {
      const [row] = await rows.all<{ n: number }>(
        `SELECT COUNT(*) AS n FROM appointment_zoom_mappings WHERE create_attempted_at IS NOT NULL`,
      );
      attempted = Number(row?.n);
      if (attempted === APPOINTMENTS) break;
      await sleep(250);
    }
    const faultsOffMs = Date.now() - started;
    Object.assign(sandbox.knobs, { failureRate: 0, timeoutRate: 0 });
    lostRate = 0;
    const calm = Date.now();
    let ready = 0;
    while (Date.now() - calm < CONVERGE_MS) {
      const [row] = await rows.all<{ n: number }>(
        `SELECT COUNT(*) AS n FROM appointments WHERE meeting_status = 'ready'`,
      );
      ready = Number(row?.n);
      if (ready === APPOINTMENTS) break;
      await sleep(250);
    }
    const convergeMs = Date.now() - calm;

    const calls = sandbox.calls.list({ vendor: 'zoom' });
    const creates = calls.filter((c) => c.method === 'POST' && CREATE_PATH.test(c.path));
    const figures = {
      appointments: ids.length,
      bookedMs,
      killedAtMs: killedAt,
      faultsOffAtMs: faultsOffMs,
      createAttemptedUnderFaults: attempted,
      convergeMsAfterFaultsOff: convergeMs,
      zoomCalls: calls.length,
      createsAttempted: creates.length,
      createsAnswered201: creates.filter((c) => c.status === 201).length,
      injected5xx: calls.filter((c) => c.fault === 'error').length,
      injected5xxOnCreates: creates.filter((c) => c.fault === 'error').length,
      injectedTimeouts: calls.filter((c) => c.fault === 'timeout').length,
      injectedTimeoutsOnCreates: creates.filter((c) => c.fault === 'timeout').length,
      createdButResponseLost: lost.size,
      markerLookups: calls.filter((c) => c.method === 'GET' && CREATE_PATH.test(c.path)).length,
    };
    const unready = await rows.all<{ id: string; meeting_status: string; meeting_last_error: string }>(
      `SELECT id, meeting_status, meeting_last_error, attempts, due_at, lease_until FROM appointments WHERE meeting_status <> 'ready'`,
    );
    process.stdout.write(`chaos figures: ${JSON.stringify({ ...figures, unready: unready.length })}\n`);
    expect(unready).toEqual([]);
    expect(ready).toBe(APPOINTMENTS);

    // The API's view: every appointment ready, each with its own meeting.
    const booked = new Set(ids);
    expect(booked.size).toBe(APPOINTMENTS);
    const [{ n: stored } = { n: 0 }] = await rows.all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM appointments`,
    );
    expect(Number(stored)).toBe(APPOINTMENTS);
    const views: Appointment[] = [];
    for (let i = 0; i < ids.length; i += 20) {
      const batch = await Promise.all(
        ids.slice(i, i + 20).map(async (id) => {
          const reply = await call(apis[0]?.baseUrl as string, 'GET', `/api/v1/appointments/${id}`, {
            caller: t.keyA,
          });
          expect({ id, status: reply.status }).toEqual({ id, status: 200 });
          return reply.json as Appointment;
        }),
      );
      views.push(...batch);
    }
    expect(views.filter((a) => a.meeting.status !== 'ready')).toEqual([]);
    const viewMeeting = new Map(views.map((a) => [a.id, a.meeting.vendorMeetingId]));
    expect(new Set(viewMeeting.values()).size).toBe(APPOINTMENTS);

    // The fake's view: one meeting per marker, the one the mapping names, and nothing else.
    const mappings = await rows.all<MappingRow>(
      `SELECT appointment_id, marker, zoom_meeting_id FROM appointment_zoom_mappings`,
    );
    expect(mappings).toHaveLength(APPOINTMENTS);
    const hostId = sandbox.zoom.findUser('dr.chaos@zoom.test')?.id as string;
    const meetings = fakeMeetings(sandbox, hostId);
    const byAgenda = new Map<string, FakeMeeting[]>();
    for (const m of meetings) byAgenda.set(m.agenda, [...(byAgenda.get(m.agenda) ?? []), m]);
    const duplicated = mappings.filter((m) => (byAgenda.get(m.marker)?.length ?? 0) !== 1);
    expect(duplicated.map((m) => ({ ...m, atFake: byAgenda.get(m.marker)?.map((x) => x.id) }))).toEqual([]);
    for (const m of mappings) {
      const [meeting] = byAgenda.get(m.marker) ?? [];
      expect({ appointment: m.appointment_id, meeting: String(meeting?.id) }).toEqual({
        appointment: m.appointment_id,
        meeting: m.zoom_meeting_id,
      });
      expect(viewMeeting.get(m.appointment_id)).toBe(m.zoom_meeting_id);
    }
    const markers = new Set(mappings.map((m) => m.marker));
    const orphans = meetings.filter((m) => !markers.has(m.agenda));
    expect(orphans.map((m) => ({ id: m.id, agenda: m.agenda }))).toEqual([]);
    expect(meetings).toHaveLength(APPOINTMENTS);
    // Every meeting whose 201 was lost is one an appointment adopted.
    const mapped = new Set(mappings.map((m) => m.zoom_meeting_id));
    const adopted = [...lost].filter((id) => mapped.has(id));
    expect(adopted).toHaveLength(lost.size);
    expect(creates.filter((c) => c.status === 201)).toHaveLength(APPOINTMENTS);
    process.stdout.write(
      `chaos result: ${JSON.stringify({ ...figures, adoptedAfterLostResponse: adopted.length, fakeMeetings: meetings.length, stuckKeys, totalMs: Date.now() - started })}\n`,
    );
    // API bug: a key whose first request died with its process stays `in_flight` for the whole 24 h TTL
    // (libs/api/mapping/src/idempotency/idempotency.service.ts): every retry answers 409 until then.
    expect(stuckKeys).toEqual([]);
  });
});

let lostRate = LOST_RESPONSE_RATE;

/** Lets the fake create the meeting, then cuts the connection instead of sending the 201. */
function loseCreatedResponses(lost: Set<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && CREATE_PATH.test(req.path) && Math.random() < lostRate) {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        const id = (body as { id?: number | string } | undefined)?.id;
        if (res.statusCode !== 201 || id === undefined) return json(body);
        lost.add(String(id));
        req.socket.destroy();
        return res;
      };
    }
    next();
  };
}

/**
 * Every live meeting the fake keeps for `hostId`. ZoomFake has no accessor for its meetings; this reads
 * its private state. The accessor wanted: `ZoomFake.meetingsOf(userId): { id, agenda, deleted }[]`.
 */
function fakeMeetings(sandbox: Sandbox, hostId: string): FakeMeeting[] {
  const state = (
    sandbox.zoom as unknown as {
      state: { meetings: { listFor(hostId: string, type: string): FakeMeeting[] } };
    }
  ).state;
  return state.meetings.listFor(hostId, 'scheduled');
}
