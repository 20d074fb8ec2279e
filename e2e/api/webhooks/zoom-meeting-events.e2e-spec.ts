import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import { createHmac, randomBytes } from 'node:crypto';
import { connect } from '../connections/connect-fixture';
import { type StandaloneSandbox, startStandaloneSandbox } from '../connections/standalone-sandbox';
import {
  call,
  type Caller,
  expectProblem,
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
interface TimelineEntry {
  kind: string;
  occurredAt: string;
  details: Record<string, unknown>;
}

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Zoom meeting events, signed and sent by the standalone fake Zoom to the built API: verified, stored
 * once, acknowledged, then put on the appointment's timeline in the background, driving its lifecycle.
 */
describeEachEngine('Zoom meeting events on the appointment timeline', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;
  let vendors: StandaloneSandbox;
  let hostId: string;
  let env: Record<string, string>;

  async function start(extra: Record<string, string> = {}): Promise<void> {
    api = await startIdentityApi({ ...env, ...extra });
    vendors.options.zoom.webhookUrl = `${api.baseUrl}/api/v1/webhooks/zoom`;
  }

  beforeAll(async () => {
    db = await engine.create();
    vendors = await startStandaloneSandbox();
    env = {
      DATABASE_URL: db.url,
      // Fixed keys: the restart below must open what the first process sealed.
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      ...vendors.env,
    };
    await start();
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    hostId = vendors.running.sandbox.zoom.findUser('dr.a1@zoom.test')?.id as string;
  }, 90_000);
  afterAll(async () => {
    await api?.stop();
    await vendors?.running.close();
    await db?.drop();
  });

  const get = async (id: string, caller: Caller = t.adminA) =>
    (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment;
  const timeline = async (id: string, caller: Caller = t.adminA) =>
    (
      (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}/timeline`, { caller })).json as {
        data: TimelineEntry[];
      }
    ).data;
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await sleep(100);
    }
  }
  const meetingCreates = () =>
    vendors.running.sandbox.calls
      .list({ vendor: 'zoom', method: 'POST' })
      .filter((c) => /^\/v2\/users\/[^/]+\/meetings$/.test(c.path) && c.status === 201);

  /** Books a Zoom visit for provider A1 and waits for its meeting. */
  async function bookReady(): Promise<Appointment & { meetingId: string }> {
    const created = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: {
        providerId: t.providerA1.user.id,
        startTime: new Date(Date.now() + 3600_000).toISOString(),
        durationMinutes: 30,
        timezone: 'America/Bogota',
        videoProvider: 'zoom',
        patient: { displayName: 'Jane Patient', email: 'jane@example.test' },
      },
    });
    expect(created.status).toBe(201);
    const id = (created.json as Appointment).id;
    const ready = await until(
      () => get(id),
      (a) => a.meeting.status !== 'pending',
    );
    expect(ready.meeting).toMatchObject({ status: 'ready', lastError: null });
    return { ...ready, meetingId: ready.meeting.vendorMeetingId as string };
  }

  /** Zoom's documented payload shape, with the PHI Zoom really sends (it must not be kept). */
  const meeting = (meetingId: string, extra: Record<string, unknown> = {}) => ({
    account_id: 'acct-zoom-a1',
    object: {
      id: Number(meetingId),
      uuid: `${randomBytes(12).toString('base64')}==`,
      host_id: hostId,
      topic: 'Video visit',
      type: 2,
      start_time: minutesAgo(30),
      timezone: 'America/Bogota',
      duration: 30,
      ...extra,
    },
  });
  const participant = (role: 'host' | 'guest', times: Record<string, string>) => ({
    user_id: role === 'host' ? '16778240' : '16779264',
    user_name: role === 'host' ? 'Dr A1' : 'Jane Patient',
    id: role === 'host' ? hostId : '',
    participant_uuid: `${role}-${randomBytes(4).toString('hex')}`,
    email: role === 'host' ? 'dr.a1@zoom.test' : 'jane@example.test',
    ...times,
  });

  /** POSTs a raw body as Zoom would (or with a wrong signature), as a redelivery does: same body. */
  async function deliver(raw: string, sign: 'right' | 'wrong' = 'right') {
    const secret = sign === 'right' ? (vendors.options.zoom.webhookSecretToken as string) : 'not-the-secret';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
    return call(api.baseUrl, 'POST', '/api/v1/webhooks/zoom', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-zm-request-timestamp': timestamp,
        'x-zm-signature': signature,
      },
    });
  }

  it('builds the timeline from started, joined, left and ended, and ended completes the visit', async () => {
    const a = await bookReady();
    const zoom = vendors.running.sandbox.zoom;
    const hostIn = participant('host', { join_time: minutesAgo(29) });
    const guestIn = participant('guest', { join_time: minutesAgo(28) });
    const sent = [
      await zoom.sendEvent('meeting.started', meeting(a.meetingId, { start_time: minutesAgo(30) })),
      await zoom.sendEvent('meeting.participant_joined', meeting(a.meetingId, { participant: hostIn })),
      await zoom.sendEvent('meeting.participant_joined', meeting(a.meetingId, { participant: guestIn })),
      await zoom.sendEvent(
        'meeting.participant_left',
        meeting(a.meetingId, { participant: { ...guestIn, leave_time: minutesAgo(5) } }),
      ),
      await zoom.sendEvent(
        'meeting.participant_left',
        meeting(a.meetingId, { participant: { ...hostIn, leave_time: minutesAgo(4) } }),
      ),
      await zoom.sendEvent('meeting.ended', meeting(a.meetingId, { end_time: minutesAgo(3) })),
      // Not on the timeline: acknowledged and dropped.
      await zoom.sendEvent('meeting.updated', meeting(a.meetingId)),
    ];
    expect(sent).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const entries = await until(
      () => timeline(a.id),
      (d) => d.length >= 6,
    );
    expect(entries.map((e) => [e.kind, e.details])).toEqual([
      ['meeting.started', {}],
      ['participant.joined', { role: 'host', participants: 1 }],
      ['participant.joined', { role: 'guest', participants: 2 }],
      ['participant.left', { role: 'guest', participants: 1 }],
      ['participant.left', { role: 'host', participants: 0 }],
      ['meeting.ended', {}],
    ]);
    const times = entries.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(JSON.stringify(entries)).not.toMatch(/Jane|jane@|Dr A1|dr\.a1@|1677/);

    const done = await until(
      () => get(a.id),
      (x) => x.status === 'completed',
    );
    expect(done).toMatchObject({ status: 'completed', meeting: { status: 'ready' } });
    // A completed visit's meeting is left alone: the reconciler does not delete it.
    await sleep(1500);
    const deletes = vendors.running.sandbox.calls
      .list({ vendor: 'zoom', method: 'DELETE' })
      .filter((c) => c.path === `/v2/meetings/${a.meetingId}`);
    expect(deletes).toEqual([]);
  });

  it('records a redelivered event once', async () => {
    const a = await bookReady();
    const raw = JSON.stringify({
      event: 'meeting.started',
      event_ts: Date.now(),
      payload: meeting(a.meetingId),
    });
    expect((await deliver(raw)).status).toBe(200);
    expect((await deliver(raw)).status).toBe(200);
    await until(
      () => timeline(a.id),
      (d) => d.length >= 1,
    );
    await sleep(1500);
    expect((await deliver(raw)).status).toBe(200);
    await sleep(1500);
    expect((await timeline(a.id)).map((e) => e.kind)).toEqual(['meeting.started']);
  });

  it('fails the meeting when it is deleted in Zoom, audits it, and never creates another', async () => {
    const a = await bookReady();
    const createsBefore = meetingCreates().length;
    expect(
      await vendors.running.sandbox.zoom.sendEvent('meeting.deleted', {
        ...meeting(a.meetingId),
        operator: 'dr.a1@zoom.test',
        operation: 'single',
      }),
    ).toBe(200);
    const failed = await until(
      () => get(a.id),
      (x) => x.meeting.status === 'failed',
    );
    expect(failed).toMatchObject({
      status: 'scheduled',
      meeting: { status: 'failed', lastError: 'meeting_deleted_at_vendor', vendorMeetingId: a.meetingId },
    });
    const audit = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=appointment.meeting_deleted', {
      caller: t.adminA,
    });
    const events = (audit.json as { data: Array<{ target: unknown; outcome: string }> }).data;
    expect(events).toEqual([
      expect.objectContaining({ target: { type: 'appointment', id: a.id }, outcome: 'failure' }),
    ]);
    expect((await timeline(a.id)).map((e) => [e.kind, e.details])).toEqual([
      ['meeting.deleted', { deletedBy: 'vendor' }],
    ]);
    // Several reconciler ticks later: no new meeting, and the failure stands.
    await sleep(2500);
    expect(meetingCreates()).toHaveLength(createsBefore);
    expect((await get(a.id)).meeting).toMatchObject({
      status: 'failed',
      lastError: 'meeting_deleted_at_vendor',
    });
  });

  it('keeps a deletion reported while the reconciler is moving the meeting: not marked ready over it', async () => {
    const a = await bookReady();
    const knobs = vendors.running.sandbox.knobs;
    knobs.latencyMs = 1_500;
    try {
      const moved = await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
        caller: t.keyA,
        // Into the visit window, so that the patient's link would lead into a ready meeting.
        body: { startTime: new Date(Date.now() + 5 * 60_000).toISOString() },
      });
      expect(moved.status).toBe(200);
      // The reconciler's PATCH is now held at the fake; Zoom reports the meeting deleted meanwhile.
      await sleep(500);
      expect(await vendors.running.sandbox.zoom.sendEvent('meeting.deleted', meeting(a.meetingId))).toBe(200);
      await until(
        () => get(a.id),
        (x) => x.meeting.lastError === 'meeting_deleted_at_vendor',
      );
      // The held PATCH and the read after it answer; the reconciler must not undo the failure.
      await sleep(4_000);
    } finally {
      knobs.latencyMs = 0;
    }
    expect((await get(a.id)).meeting).toMatchObject({
      status: 'failed',
      lastError: 'meeting_deleted_at_vendor',
    });
    const link = await fetch(a.patientJoinUrl.replace(/^https?:\/\/[^/]+/, api.baseUrl), {
      redirect: 'manual',
    });
    expect(link.status).toBe(503);
    const patches = vendors.running.sandbox.calls
      .list({ vendor: 'zoom', method: 'PATCH' })
      .filter((c) => c.path === `/v2/meetings/${a.meetingId}`);
    expect(patches).toHaveLength(1);
  });

  it('only records the deletion that followed our own cancel', async () => {
    const a = await bookReady();
    expect(
      (await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, { caller: t.adminA })).status,
    ).toBe(200);
    await until(
      () => get(a.id),
      (x) => x.meeting.status === 'cancelled',
    );
    expect(await vendors.running.sandbox.zoom.sendEvent('meeting.deleted', meeting(a.meetingId))).toBe(200);
    const entries = await until(
      () => timeline(a.id),
      (d) => d.length >= 1,
    );
    expect(entries.map((e) => [e.kind, e.details])).toEqual([
      ['meeting.deleted', { deletedBy: 'televisit' }],
    ]);
    expect(await get(a.id)).toMatchObject({
      status: 'cancelled',
      meeting: { status: 'cancelled', lastError: null },
    });
    const audit = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=appointment.meeting_deleted', {
      caller: t.adminA,
    });
    const targets = (audit.json as { data: Array<{ target: { id: string } }> }).data.map((e) => e.target.id);
    expect(targets).not.toContain(a.id);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const a = await bookReady();
    const raw = JSON.stringify({
      event: 'meeting.started',
      event_ts: Date.now(),
      payload: meeting(a.meetingId),
    });
    expectProblem(await deliver(raw, 'wrong'), 401, 'invalid_signature');
    await sleep(1500);
    expect(await timeline(a.id)).toEqual([]);
    // Had it been stored, the genuine delivery would now be a duplicate and change nothing.
    expect((await deliver(raw)).status).toBe(200);
    expect(
      (
        await until(
          () => timeline(a.id),
          (d) => d.length >= 1,
        )
      ).map((e) => e.kind),
    ).toEqual(['meeting.started']);
  });

  it('shows the timeline to whoever may see the appointment, and 404 to anyone else', async () => {
    const a = await bookReady();
    const status = async (caller: Caller, id = a.id) =>
      (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}/timeline`, { caller })).status;
    expect(await status(t.adminA)).toBe(200);
    expect(await status(t.providerA1)).toBe(200);
    expect(await status(t.keyA)).toBe(200);
    expect(await status(t.platform)).toBe(200);
    expectProblem(
      await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/timeline`, { caller: t.adminB }),
      404,
    );
    expect(await status(t.keyB)).toBe(404);
    expect(await status(t.providerA2)).toBe(404);
    expect(await status(t.adminA, '00000000-0000-4000-8000-000000000000')).toBe(404);
    expect(await status(t.keyWeak)).toBe(403);
  });

  it('processes after a restart what an earlier process stored but did not process', async () => {
    const a = await bookReady();
    await api.stop();
    // A process that receives but does not work the queue, as if it stopped right after the 200.
    await start({ WORKER: 'false' });
    expect(await vendors.running.sandbox.zoom.sendEvent('meeting.started', meeting(a.meetingId))).toBe(200);
    await sleep(1500);
    expect(await timeline(a.id)).toEqual([]);
    await api.stop();
    await start();
    expect(
      (
        await until(
          () => timeline(a.id),
          (d) => d.length >= 1,
        )
      ).map((e) => e.kind),
    ).toEqual(['meeting.started']);
  });
});
