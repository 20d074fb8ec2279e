import { describeEachEngine, type RunningApi, type TestDatabase, waitFor } from '@televisit/testing';
import { createHmac, randomBytes } from 'node:crypto';
import { type DatabaseRows, openDatabaseRows } from '../chaos/database-rows';
import { connect } from '../connections/connect-fixture';
import {
  sharedProcessEnv,
  type StandaloneSandbox,
  startStandaloneSandbox,
} from '../connections/standalone-sandbox';
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
/** A row of the webhook inbox (`webhook_events`): stored once per event, `processed_at` once worked. */
interface InboxRow {
  event_type: string;
  processed_at: unknown;
  attempts: number;
  last_error: string | null;
}
/** An appointment in the reconciler's due-queue: `due_at` while queued, `lease_until` while in hand. */
interface QueueRow {
  due_at: unknown;
  lease_until: unknown;
}

jest.setTimeout(60_000);

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
  /** The API's database, for what it does not show: the webhook inbox and the reconciler's due-queue. */
  let rows: DatabaseRows;
  let hostId: string;
  let env: Record<string, string>;

  async function start(extra: Record<string, string> = {}): Promise<void> {
    api = await startIdentityApi({ ...env, ...extra });
    vendors.options.zoom.webhookUrl = `${api.baseUrl}/api/v1/webhooks/zoom`;
  }

  beforeAll(async () => {
    db = await engine.create();
    vendors = await startStandaloneSandbox();
    // Fixed keys: the restart below must open what the first process sealed.
    env = sharedProcessEnv(db.url, vendors);
    await start();
    rows = await openDatabaseRows(db.url);
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    hostId = vendors.running.sandbox.zoom.findUser('dr.a1@zoom.test')?.id as string;
  }, 90_000);
  afterAll(async () => {
    await rows?.close();
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
  /** Waits for the appointment's timeline to hold at least `n` entries. */
  const timelineOf = (id: string, n: number) =>
    waitFor(
      () => timeline(id),
      (d) => d.length >= n,
      { what: `${n} timeline entr${n === 1 ? 'y' : 'ies'} for appointment ${id}` },
    );
  /** What the inbox stored for a meeting; a delivery is stored (or refused) before it is answered. */
  const inbox = (meetingId: string) =>
    rows.all<InboxRow>(
      `SELECT event_type, processed_at, attempts, last_error FROM webhook_events WHERE vendor = 'zoom' AND vendor_meeting_id = ?`,
      [meetingId],
    );
  /** Waits until the inbox has processed every event it stored for the meeting. */
  const inboxDrained = (meetingId: string) =>
    waitFor(
      () => inbox(meetingId),
      (stored) => stored.length > 0 && stored.every((r) => r.processed_at !== null),
      { what: `the webhook inbox to process every event stored for meeting ${meetingId}` },
    );
  /**
   * Waits until the reconciler is done with the appointment: not due (it will not claim it again) and
   * no lease (it holds it no more). Anything it was going to do to the meeting has been done by then.
   */
  const reconcilerDoneWith = (id: string) =>
    waitFor(
      () => rows.all<QueueRow>(`SELECT due_at, lease_until FROM appointments WHERE id = ?`, [id]),
      (queue) => queue.length === 1 && queue[0]?.due_at === null && queue[0]?.lease_until === null,
      { what: `the reconciler to be done with appointment ${id} (not due, no lease)` },
    );
  const meetingCalls = (method: string, meetingId: string) =>
    vendors.running.sandbox.calls
      .list({ vendor: 'zoom', method })
      .filter((c) => c.path === `/v2/meetings/${meetingId}`);
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
    const ready = await waitFor(
      () => get(id),
      (a) => a.meeting.status !== 'pending',
      { what: `appointment ${id}'s meeting to leave pending` },
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
      // A new title only (Zoom sends only what changed): acknowledged and dropped.
      await zoom.sendEvent('meeting.updated', {
        account_id: 'acct-zoom-a1',
        object: { id: Number(a.meetingId), topic: 'Renamed in Zoom' },
        old_object: { id: Number(a.meetingId), topic: 'Video visit' },
      }),
    ];
    expect(sent).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const entries = await timelineOf(a.id, 6);
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

    const done = await waitFor(
      () => get(a.id),
      (x) => x.status === 'completed',
      { what: `appointment ${a.id} to be completed` },
    );
    expect(done).toMatchObject({ status: 'completed', meeting: { status: 'ready' } });
    // A completed visit's meeting is left alone: the reconciler is done with it and did not delete it.
    await reconcilerDoneWith(a.id);
    const deletes = meetingCalls('DELETE', a.meetingId);
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
    await timelineOf(a.id, 1);
    // Stored once, and the inbox has nothing left to process for this meeting.
    expect(await inboxDrained(a.meetingId)).toHaveLength(1);
    expect((await deliver(raw)).status).toBe(200);
    expect(await inboxDrained(a.meetingId)).toHaveLength(1);
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
    const failed = await waitFor(
      () => get(a.id),
      (x) => x.meeting.status === 'failed',
      { what: `appointment ${a.id}'s meeting to fail` },
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
    // The reconciler is done with it (left the due-queue with the failure): no new meeting, and the
    // failure stands.
    await reconcilerDoneWith(a.id);
    expect(meetingCreates()).toHaveLength(createsBefore);
    expect((await get(a.id)).meeting).toMatchObject({
      status: 'failed',
      lastError: 'meeting_deleted_at_vendor',
    });
  });

  it('moves a meeting moved in the Zoom app back to the booking, and takes our own update reported back for what it is', async () => {
    const zoom = vendors.running.sandbox.zoom;
    // As Zoom does, the fake reports changes made through its API too: our move back comes back to us.
    zoom.reportApiUpdates(true);
    try {
      const a = await bookReady();
      const booked = (await get(a.id)) as Appointment & { startTime: string };
      const bookedAtZoom = booked.startTime.replace(/\.\d{3}Z$/, 'Z');
      const patches = () => meetingCalls('PATCH', a.meetingId).filter((c) => c.status === 204);
      expect(patches()).toEqual([]);
      const received = async () =>
        (await inbox(a.meetingId)).filter((r) => r.event_type === 'meeting.updated');

      // The host drags the meeting two hours later in the Zoom app; Zoom sends meeting.updated.
      const later = new Date(Date.parse(booked.startTime) + 2 * 3600_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
      expect(await zoom.moveMeeting(a.meetingId, { start_time: later })).toBe(200);
      await waitFor(patches, (p) => p.length === 1, { what: 'televisit to move the meeting back' });
      // Then Zoom reports our move back; once that is processed too, nothing else may follow.
      await waitFor(received, (rows) => rows.length === 2 && rows.every((r) => r.processed_at !== null), {
        what: 'both meeting.updated events (the host’s move, our move back) to be processed',
      });
      await reconcilerDoneWith(a.id);
      expect(patches()).toHaveLength(1);
      expect(zoom.meetingTimes(a.meetingId)).toMatchObject({ start_time: bookedAtZoom, duration: 30 });
      const [entry, ...more] = await timeline(a.id);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        kind: 'meeting.moved',
        details: { startTime: new Date(later).toISOString(), movedBack: true },
      });
      expect(await get(a.id)).toMatchObject({
        status: 'scheduled',
        startTime: booked.startTime,
        patientJoinUrl: a.patientJoinUrl,
        meeting: { status: 'ready', lastError: null, vendorMeetingId: a.meetingId },
      });
      const audit = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=appointment.meeting_moved', {
        caller: t.adminA,
      });
      expect((audit.json as { data: Array<{ target: unknown }> }).data).toEqual([
        expect.objectContaining({ target: { type: 'appointment', id: a.id }, outcome: 'success' }),
      ]);
    } finally {
      zoom.reportApiUpdates(false);
    }
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
      // Once the reconciler has claimed it, its PATCH is held at the fake; Zoom reports the meeting
      // deleted meanwhile.
      await waitFor(
        () => rows.all<QueueRow>(`SELECT due_at, lease_until FROM appointments WHERE id = ?`, [a.id]),
        (queue) => queue[0]?.lease_until != null,
        { what: `the reconciler to claim appointment ${a.id}` },
      );
      expect(await vendors.running.sandbox.zoom.sendEvent('meeting.deleted', meeting(a.meetingId))).toBe(200);
      await waitFor(
        () => get(a.id),
        (x) => x.meeting.lastError === 'meeting_deleted_at_vendor',
        { what: `appointment ${a.id}'s meeting to be marked deleted at the vendor` },
      );
      // The held PATCH and the read after it answer, and the reconciler lets go of the appointment; it
      // must not have undone the failure.
      await waitFor(
        () => meetingCalls('PATCH', a.meetingId),
        (patches) => patches.length > 0,
        { what: `the reconciler's PATCH of meeting ${a.meetingId} to be answered` },
      );
      await reconcilerDoneWith(a.id);
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
    const patches = meetingCalls('PATCH', a.meetingId);
    expect(patches).toHaveLength(1);
  });

  it('only records the deletion that followed our own cancel', async () => {
    const a = await bookReady();
    expect(
      (await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, { caller: t.adminA })).status,
    ).toBe(200);
    await waitFor(
      () => get(a.id),
      (x) => x.meeting.status === 'cancelled',
      { what: `appointment ${a.id}'s meeting to be cancelled` },
    );
    expect(await vendors.running.sandbox.zoom.sendEvent('meeting.deleted', meeting(a.meetingId))).toBe(200);
    const entries = await timelineOf(a.id, 1);
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
    // Refused before storing (what is accepted is stored before the answer): nothing left to process.
    expect(await inbox(a.meetingId)).toEqual([]);
    expect(await timeline(a.id)).toEqual([]);
    // Had it been stored, the genuine delivery would now be a duplicate and change nothing.
    expect((await deliver(raw)).status).toBe(200);
    expect((await timelineOf(a.id, 1)).map((e) => e.kind)).toEqual(['meeting.started']);
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
    expect(await timeline(a.id)).toEqual([]);
    await api.stop();
    // Stopped (whatever it had in hand finished first): the event is stored and was never processed.
    expect(await inbox(a.meetingId)).toEqual([
      expect.objectContaining({ event_type: 'meeting.started', processed_at: null, attempts: 0 }),
    ]);
    await start();
    expect((await timelineOf(a.id, 1)).map((e) => e.kind)).toEqual(['meeting.started']);
  });
});
