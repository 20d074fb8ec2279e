import { describeEachEngine, type RunningApi, type TestDatabase, waitFor } from '@televisit/testing';
import {
  call,
  type Caller,
  createUser,
  expectProblem,
  type Reply,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';
import { connect, disconnect, sandboxCalls } from '../connections/connect-fixture';
import { type Appointment, appointmentCalls } from './appointment-calls';

const inOneDay = () => new Date(Date.now() + 24 * 3600_000).toISOString();
const booking = (providerId: string, extra: Record<string, unknown> = {}) => ({
  providerId,
  startTime: inOneDay(),
  durationMinutes: 30,
  timezone: 'America/Bogota',
  videoProvider: 'zoom',
  patient: { displayName: 'Jane Patient', email: 'jane@example.test' },
  ...extra,
});

jest.setTimeout(30_000);

/** Appointments through the built API, with Zoom meetings reconciled against the in-process sandbox. */
describeEachEngine('appointments and their Zoom meetings', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url });
    t = await seedTenants(api.baseUrl);
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const { settled, book, whenReady, whenFailed } = appointmentCalls(() => api.baseUrl);

  it('books with an API key, and a private Zoom meeting follows on the provider’s own account', async () => {
    const created = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: booking(t.providerA1.user.id, { externalId: 'ehr-1' }),
    });
    expect(created.status).toBe(201);
    const a = created.json as Appointment;
    expect(a).toMatchObject({ status: 'scheduled', meeting: { status: 'pending' } });
    expect(a.patientJoinUrl).toMatch(/\/join\/[\w-]{43}$/);
    // The patient's name, email and join link: no browser or proxy cache may keep them.
    expect(created.headers.get('cache-control')).toBe('no-store');
    const read = await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}`, { caller: t.keyA });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    const ready = await settled(
      t.keyA,
      a.id,
      'its meeting to leave pending',
      (x) => x.meeting.status !== 'pending',
    );
    expect(ready.meeting).toMatchObject({ status: 'ready', lastError: null });
    expect(ready.meeting.vendorMeetingId).toMatch(/^\d{9,11}$/);
    const creates = (await sandboxCalls(api.baseUrl, '?vendor=zoom&method=POST')).filter((c) =>
      /^\/v2\/users\/[^/]+\/meetings$/.test(c.path),
    );
    expect(creates.filter((c) => c.status === 201)).toHaveLength(1);
  });

  it('reschedules the same meeting and keeps the patient link', async () => {
    const a = await book(t.adminA, booking(t.providerA1.user.id));
    const ready = await whenReady(t.adminA, a.id);
    const moved = await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
      caller: t.adminA,
      body: { startTime: new Date(Date.now() + 48 * 3600_000).toISOString(), durationMinutes: 45 },
    });
    expect(moved.status).toBe(200);
    const after = await settled(
      t.adminA,
      a.id,
      'its meeting to be ready again at 45 minutes',
      (x) => x.meeting.status === 'ready' && x.durationMinutes === 45,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const patches = (await sandboxCalls(api.baseUrl, '?vendor=zoom&method=PATCH')).filter(
      (c) => c.path === `/v2/meetings/${ready.meeting.vendorMeetingId}`,
    );
    expect(patches.map((c) => c.status)).toEqual([204]);
    expect(after.meeting.vendorMeetingId).toBe(ready.meeting.vendorMeetingId);
    expect(after.patientJoinUrl).toBe(a.patientJoinUrl);
  });

  it('mints a fresh host link each time, and cancelling deletes the meeting', async () => {
    const a = await book(t.providerA1, booking(t.providerA1.user.id));
    const ready = await whenReady(t.providerA1, a.id);
    const first = await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/host-link`, {
      caller: t.providerA1,
    });
    const second = await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/host-link`, {
      caller: t.keyA,
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store'); // the vendor's start URL is the host's key
    expect((first.json as { url: string }).url).not.toBe((second.json as { url: string }).url);
    expect(
      (await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/host-link`, { caller: t.providerA2 }))
        .status,
    ).toBe(404);

    const cancelled = await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, {
      caller: t.adminA,
    });
    expect(cancelled.status).toBe(200);
    const done = await settled(
      t.adminA,
      a.id,
      'its meeting to be cancelled',
      (x) => x.meeting.status === 'cancelled',
    );
    expect(done).toMatchObject({ status: 'cancelled', meeting: { status: 'cancelled' } });
    const deletes = (await sandboxCalls(api.baseUrl, '?vendor=zoom&method=DELETE')).filter(
      (c) => c.path === `/v2/meetings/${ready.meeting.vendorMeetingId}`,
    );
    expect(deletes.map((c) => c.status)).toEqual([204]);
  });

  it('moves a meeting under way once the visit is over, and leaves it to Zoom when cancelled during the visit', async () => {
    const a = await book(t.adminA, booking(t.providerA1.user.id));
    const meetingId = (await whenReady(t.adminA, a.id)).meeting.vendorMeetingId;
    const run = (progress: 'started' | 'ended') =>
      fetch(`${api.baseUrl}/sandbox/_control/zoom/meetings/${meetingId}/progress`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ progress }),
      });
    const calls = async (method: string) =>
      (await sandboxCalls(api.baseUrl, `?vendor=zoom&method=${method}`))
        .filter((c) => c.path === `/v2/meetings/${meetingId}`)
        .map((c) => c.status);

    expect((await run('started')).status).toBe(200);
    const moved = await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
      caller: t.adminA,
      body: { durationMinutes: 45 },
    });
    expect(moved.status).toBe(200);
    const waiting = await settled(
      t.adminA,
      a.id,
      'the move to wait for the visit to end',
      (x) => x.meeting.lastError === 'meeting_in_progress',
    );
    expect(waiting.meeting.status).toBe('ready');
    await run('ended');
    await settled(t.adminA, a.id, 'the move to go through', (x) => x.meeting.lastError === null);
    expect((await calls('PATCH')).at(-1)).toBe(204);

    await run('started');
    const cancelled = await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, {
      caller: t.adminA,
    });
    expect(cancelled.status).toBe(200);
    await settled(t.adminA, a.id, 'its meeting to be settled', (x) => x.meeting.status === 'cancelled');
    // Zoom refuses to delete a meeting in progress, for good: asked once, then left to Zoom (settled
    // as cancelled right after that one answer, so nothing is left to retry).
    expect(await calls('DELETE')).toEqual([400]);
  });

  it('replays an Idempotency-Key, refuses it with another body, and books once', async () => {
    const body = booking(t.providerA1.user.id);
    const headers = { 'idempotency-key': 'booking-42' };
    const first = await call(api.baseUrl, 'POST', '/api/v1/appointments', { caller: t.keyA, body, headers });
    const again = await call(api.baseUrl, 'POST', '/api/v1/appointments', { caller: t.keyA, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((again.json as Appointment).id).toBe((first.json as Appointment).id);
    const other = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: { ...body, durationMinutes: 60 },
      headers,
    });
    expectProblem(other, 422, 'idempotency_key_reused');
  });

  it('shows zoom_not_connected when the provider has no Zoom and the clinic no account', async () => {
    const a = await book(t.adminA, booking(t.providerA2.user.id));
    const failed = await settled(
      t.adminA,
      a.id,
      'its meeting to leave pending',
      (x) => x.meeting.status !== 'pending',
    );
    expect(failed.meeting).toMatchObject({ status: 'failed', lastError: 'zoom_not_connected' });
    // The failure and its audit event commit together: once the appointment shows it, the event is there.
    const audit = await call(api.baseUrl, 'GET', '/api/v1/audit-events?action=appointment.meeting_failed', {
      caller: t.adminA,
    });
    const audited = (audit.json as { data: Array<{ target: { id: string } | null }> }).data;
    expect(audited.filter((e) => e.target?.id === a.id)).toHaveLength(1);
  });

  it('keeps clinics apart and refuses bad input without a 500', async () => {
    const a = await book(t.adminA, booking(t.providerA1.user.id));
    expectProblem(await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}`, { caller: t.adminB }), 404);
    expectProblem(
      await call(api.baseUrl, 'POST', '/api/v1/appointments', {
        caller: t.adminB,
        body: booking(t.providerA1.user.id),
      }),
      422,
      'invalid_provider',
    );
    const bad = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.adminA,
      body: booking(t.providerA1.user.id, {
        durationMinutes: 2,
        timezone: 'Mars/Olympus',
        startTime: 'tomorrow',
      }),
    });
    expect(bad.status).toBe(400);
    const list = await call(api.baseUrl, 'GET', `/api/v1/appointments?limit=2`, { caller: t.adminA });
    const page = list.json as { data: Appointment[]; nextCursor: string | null };
    expect(page.data).toHaveLength(2);
    expect(page.nextCursor).toBeTruthy();
    const next = await call(api.baseUrl, 'GET', `/api/v1/appointments?limit=2&cursor=${page.nextCursor}`, {
      caller: t.adminA,
    });
    const ids = new Set([...page.data, ...(next.json as { data: Appointment[] }).data].map((x) => x.id));
    expect(ids.size).toBe(page.data.length + (next.json as { data: Appointment[] }).data.length);
  });

  it('refuses a start time whose UTC instant is outside 2000–2100, booking or rescheduling, and the clinic’s list still answers', async () => {
    // Years 0000 and 9999 as written, but −1 and 10000 in UTC: once stored corrupted (SQLite) or
    // refused by the database (MariaDB), a 500 then, and on SQLite for every later list of the clinic.
    const outside = ['0000-01-01T00:00:00+01:00', '9999-12-31T23:59:59-14:00', '1999-12-31T23:59:59Z'];
    const a = await book(t.adminA, booking(t.providerA1.user.id));
    const onlyStartTime = (reply: Reply) =>
      expect(expectProblem(reply, 400, 'validation_failed')['errors']).toEqual([
        { path: 'startTime', message: expect.stringMatching(/2000-01-01.*2100-01-01/) },
      ]);
    for (const startTime of outside) {
      onlyStartTime(
        await call(api.baseUrl, 'POST', '/api/v1/appointments', {
          caller: t.adminA,
          body: booking(t.providerA1.user.id, { startTime }),
        }),
      );
      onlyStartTime(
        await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
          caller: t.adminA,
          body: { startTime },
        }),
      );
    }
    const list = await call(api.baseUrl, 'GET', '/api/v1/appointments?limit=200', { caller: t.adminA });
    expect(list.status).toBe(200);
    expect((list.json as { data: Appointment[] }).data.map((x) => x.id)).toContain(a.id);
    const unmoved = await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}`, { caller: t.adminA });
    expect(unmoved.status).toBe(200);
    expect((unmoved.json as Appointment).startTime).toBe(a.startTime);
    // A filter is a bound, not a visit: the usual "since ever" and "until whenever" stay valid, and
    // only what no database column can hold is refused.
    for (const query of ['from=1970-01-01T00:00:00Z', 'to=9999-12-31T23:59:59Z']) {
      const wide = await call(api.baseUrl, 'GET', `/api/v1/appointments?${query}`, { caller: t.adminA });
      expect(wide.status).toBe(200);
    }
    for (const [field, value] of [
      ['from', '0000-01-01T00:00:00+01:00'],
      ['to', '9999-12-31T23:59:59-14:00'],
    ] as const) {
      const refused = await call(
        api.baseUrl,
        'GET',
        `/api/v1/appointments?${field}=${encodeURIComponent(value)}`,
        { caller: t.adminA },
      );
      expect(expectProblem(refused, 400, 'validation_failed')['errors']).toEqual([
        { path: field, message: expect.stringMatching(/0000-01-01.*9999-12-31/) },
      ]);
    }
  });

  it('lists one clinic for a platform admin, a page at a time; clinicId never widens a clinic’s view', async () => {
    const providerB = await createUser(api.baseUrl, t.platform, t.clinicB.id, 'provider', 'provider-b1');
    const inB = await book(t.keyB, booking(providerB.id));
    const inA = await book(t.keyA, booking(t.providerA1.user.id));
    const list = async (caller: Caller, query: string) => {
      const answer = await call(api.baseUrl, 'GET', `/api/v1/appointments?${query}`, { caller });
      expect(answer.status).toBe(200);
      return answer.json as { data: Array<Appointment & { clinicId: string }>; nextCursor: string | null };
    };

    // The platform admin sees both clinics, or exactly one when asked.
    const everything = (await list(t.platform, 'limit=200')).data.map((a) => a.id);
    expect(everything).toEqual(expect.arrayContaining([inA.id, inB.id]));
    const onlyB = await list(t.platform, `clinicId=${t.clinicB.id}`);
    expect(onlyB.data.map((a) => a.id)).toEqual([inB.id]);
    // Paged by the API, every page holds clinic A's visits only and the pages add up to all of them.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        t.platform,
        `clinicId=${t.clinicA.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.data.every((a) => a.clinicId === t.clinicA.id)).toBe(true);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toContain(inA.id);
    expect(seen).toHaveLength(everything.length - 1);

    // Another clinic's id narrows a clinic admin's or key's own view to nothing; it never shows theirs.
    expect((await list(t.adminA, `clinicId=${t.clinicB.id}`)).data).toEqual([]);
    expect((await list(t.keyB, `clinicId=${t.clinicA.id}`)).data).toEqual([]);
    expect((await list(t.keyB, `clinicId=${t.clinicB.id}`)).data.map((a) => a.id)).toEqual([inB.id]);
  });

  it('says host_not_connected while the provider’s own Zoom is disconnected, and catches up once they connect it again', async () => {
    const booked = await book(t.keyA, booking(t.providerA1.user.id));
    const ready = await whenReady(t.keyA, booked.id);
    const meetingId = ready.meeting.vendorMeetingId;

    await disconnect(api.baseUrl, t.providerA1, 'zoom');
    const moved = await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${booked.id}`, {
      caller: t.keyA,
      body: { durationMinutes: 45 },
    });
    expect(moved.status).toBe(200);
    // Not "deleted in Zoom", not the clinic's account: the meeting is on an account nobody can reach now.
    const failed = await whenFailed(t.keyA, booked.id);
    expect(failed.meeting).toMatchObject({ lastError: 'host_not_connected', vendorMeetingId: meetingId });
    // The failure is audited just after it is stored: wait for the event rather than race it.
    const reasons = await waitFor(
      async () => {
        const audit = await call(
          api.baseUrl,
          'GET',
          `/api/v1/audit-events?action=appointment.meeting_failed&limit=200`,
          { caller: t.adminA },
        );
        return (audit.json as { data: Array<{ target: { id: string }; details: { reason?: string } }> }).data
          .filter((e) => e.target.id === booked.id)
          .map((e) => e.details.reason);
      },
      (found) => found.length > 0,
      { what: `the audit event of appointment ${booked.id}'s failed meeting` },
    );
    expect(reasons).toEqual(['host_not_connected']);

    // The same Zoom account connected again: the waiting change goes through at once (no 15-minute
    // wait, no further change needed), on the same meeting.
    await connect(api.baseUrl, t.providerA1, 'zoom', { email: 'dr.a1@zoom.test' });
    const back = await settled(
      t.keyA,
      booked.id,
      'its meeting to be ready again',
      (x) => x.meeting.status === 'ready',
      10_000,
    );
    expect(back).toMatchObject({
      durationMinutes: 45,
      patientJoinUrl: booked.patientJoinUrl,
      meeting: { vendorMeetingId: meetingId, lastError: null },
    });
    const patches = (await sandboxCalls(api.baseUrl, '?vendor=zoom&method=PATCH')).filter(
      (c) => c.path === `/v2/meetings/${meetingId}`,
    );
    expect(patches.at(-1)).toMatchObject({ status: 204 });
  });
});
