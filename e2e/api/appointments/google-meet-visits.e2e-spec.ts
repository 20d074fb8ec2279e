import { describeEachEngine, waitFor } from '@televisit/testing';
import { connect, connectionOf, disconnect, sandboxCalls } from '../connections/connect-fixture';
import { useTenantsApi } from '../sandboxed-tenants';
import { type Appointment, appointmentCalls } from './appointment-calls';
import { call, type Caller, expectProblem } from '../identity/identity-fixture';

interface CalendarEvent {
  id: string;
  status: string;
  summary?: string;
  description?: string;
  visibility?: string;
  guestsCanInviteOthers?: boolean;
  guestsCanSeeOtherGuests?: boolean;
  attendees?: unknown[];
  start: { dateTime: string };
  end: { dateTime: string };
  hangoutLink?: string;
}

interface Channel {
  id: string;
  calendarId: string;
  address: string;
  delivered: number;
  failed: number;
}

const MINUTE = 60_000;
const PATIENT = { displayName: 'Jane Patient', email: 'jane@example.test' };
const PROVIDER_GOOGLE = 'dr.a1@gmail.test';
const EVENTS = '/calendar/v3/calendars/primary/events';

const booking = (providerId: string, startsIn: number, extra: Record<string, unknown> = {}) => ({
  providerId,
  startTime: new Date(Date.now() + startsIn).toISOString(),
  durationMinutes: 30,
  timezone: 'America/Bogota',
  videoProvider: 'google_meet',
  patient: PATIENT,
  ...extra,
});

jest.setTimeout(30_000);

/**
 * Google Meet visits through the built API, reconciled against the in-process fake Google: a private
 * Calendar event with a Meet conference on the provider's own calendar, moved and deleted with the
 * appointment, and the patient's link leading into the Meet.
 */
describeEachEngine('appointments and their Google Meet visits', (engine) => {
  const ctx = useTenantsApi(engine);

  const { settled, whenReady, whenFailed } = appointmentCalls(() => ctx.api.baseUrl);
  /** Books through the API, which must accept it. */
  const book = async (caller: Caller, body: Record<string, unknown>) => {
    const reply = await call(ctx.api.baseUrl, 'POST', '/api/v1/appointments', { caller, body });
    expect(reply.status).toBe(201);
    return reply.json as Appointment;
  };
  /** The event as the fake Google holds it (its test control, not the Calendar API). */
  const eventOf = async (eventId: string) => {
    const reply = await fetch(
      `${ctx.api.baseUrl}/sandbox/_control/google/calendars/${encodeURIComponent(PROVIDER_GOOGLE)}/events/${eventId}`,
    );
    expect(reply.status).toBe(200);
    return (await reply.json()) as CalendarEvent;
  };
  /** The fake's live push channels on the provider's calendar. */
  const channels = async () => {
    const reply = await fetch(`${ctx.api.baseUrl}/sandbox/_control/google/channels`);
    const { channels: all } = (await reply.json()) as { channels: Channel[] };
    return all.filter((c) => c.calendarId === PROVIDER_GOOGLE);
  };
  const googleCalls = async (method: string, path: string) =>
    (await sandboxCalls(ctx.api.baseUrl, `?vendor=google&method=${method}`)).filter((c) => c.path === path);

  it('says google_not_connected until the provider connects Google, then catches up', async () => {
    const a = await book(ctx.t.keyA, booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE));
    expect(a).toMatchObject({ status: 'scheduled', meeting: { status: 'pending' } });
    const waiting = await settled(
      ctx.t.keyA,
      a.id,
      'google_not_connected',
      (x) => x.meeting.status !== 'pending',
    );
    expect(waiting.meeting).toMatchObject({ status: 'failed', lastError: 'google_not_connected' });

    await connect(ctx.api.baseUrl, ctx.t.providerA1, 'google', { email: PROVIDER_GOOGLE });
    const ready = await whenReady(ctx.t.keyA, a.id);
    expect(ready.meeting.lastError).toBeNull();
    expect(ready.meeting.vendorMeetingId).toBe(`tv${a.id.replace(/-/g, '')}`);
  });

  it('makes one private event with a Meet conference on the provider’s calendar, and no PHI in it', async () => {
    await fetch(`${ctx.api.baseUrl}/sandbox/_control/calls`, { method: 'DELETE' });
    const a = await book(ctx.t.adminA, booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(ctx.t.adminA, a.id);
    const eventId = ready.meeting.vendorMeetingId as string;
    const event = await eventOf(eventId);
    expect(event).toMatchObject({
      id: eventId,
      status: 'confirmed',
      visibility: 'private',
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
    });
    expect(event.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(event.attendees ?? []).toEqual([]);
    expect(Date.parse(event.start.dateTime)).toBe(Date.parse(a.startTime));
    expect(Date.parse(event.end.dateTime) - Date.parse(event.start.dateTime)).toBe(30 * MINUTE);
    const everything = JSON.stringify(event);
    for (const phi of [PATIENT.displayName, PATIENT.email]) expect(everything).not.toContain(phi);
    expect((await googleCalls('POST', EVENTS)).map((c) => c.status)).toEqual([200]);
  });

  it('leads the patient into the Meet once the window opens, and the provider in through the host link', async () => {
    const a = await book(ctx.t.providerA1, booking(ctx.t.providerA1.user.id, 5 * MINUTE));
    const ready = await whenReady(ctx.t.providerA1, a.id);
    const event = await eventOf(ready.meeting.vendorMeetingId as string);
    const opened = await fetch(ctx.api.baseUrl + new URL(a.patientJoinUrl).pathname, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(event.hangoutLink);
    const host = await call(ctx.api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/host-link`, {
      caller: ctx.t.providerA1,
    });
    expect(host.status).toBe(200);
    expect((host.json as { url: string; expiresAt: string }).url).toBe(event.hangoutLink);
  });

  it('moves the same event when rescheduled (same Meet, same patient link) and deletes it when cancelled', async () => {
    const a = await book(ctx.t.adminA, booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(ctx.t.adminA, a.id);
    const eventId = ready.meeting.vendorMeetingId as string;
    const link = (await eventOf(eventId)).hangoutLink;

    const later = new Date(Date.now() + 48 * 60 * MINUTE).toISOString();
    const moved = await call(ctx.api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
      caller: ctx.t.adminA,
      body: { startTime: later, durationMinutes: 45 },
    });
    expect(moved.status).toBe(200);
    const after = await settled(
      ctx.t.adminA,
      a.id,
      'its meeting to be ready again at 45 minutes',
      (x) => x.meeting.status === 'ready' && x.durationMinutes === 45,
    );
    await waitFor(
      () => eventOf(eventId),
      (e) => Date.parse(e.start.dateTime) === Date.parse(later),
      { what: 'the event to move' },
    );
    const event = await eventOf(eventId);
    expect(Date.parse(event.end.dateTime) - Date.parse(event.start.dateTime)).toBe(45 * MINUTE);
    expect(event.hangoutLink).toBe(link);
    expect(after.meeting.vendorMeetingId).toBe(eventId);
    expect(after.patientJoinUrl).toBe(a.patientJoinUrl);
    expect((await googleCalls('PATCH', `${EVENTS}/${eventId}`)).map((c) => c.status)).toEqual([200]);

    const cancelled = await call(ctx.api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, {
      caller: ctx.t.adminA,
    });
    expect(cancelled.status).toBe(200);
    await settled(ctx.t.adminA, a.id, 'its meeting to be cancelled', (x) => x.meeting.status === 'cancelled');
    expect((await eventOf(eventId)).status).toBe('cancelled');
    expect((await googleCalls('DELETE', `${EVENTS}/${eventId}`)).map((c) => c.status)).toEqual([204]);
  });

  it('watches the provider’s calendar, and fails a visit whose event is deleted in Google Calendar', async () => {
    const a = await book(ctx.t.adminA, booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(ctx.t.adminA, a.id);
    const eventId = ready.meeting.vendorMeetingId as string;
    const [channel, ...more] = await waitFor(channels, (cs) => cs.length > 0, {
      what: 'a push channel on the provider’s calendar',
    });
    expect(more).toEqual([]);
    expect(channel?.address).toBe(`${new URL(a.patientJoinUrl).origin}/api/v1/webhooks/google`);

    // Deleted by the provider in Google Calendar: the fake notifies televisit, which reads the change.
    const deleted = await fetch(
      `${ctx.api.baseUrl}/sandbox/_control/google/calendars/${encodeURIComponent(PROVIDER_GOOGLE)}/events/${eventId}`,
      { method: 'DELETE' },
    );
    expect(deleted.status).toBe(204);
    const failed = await whenFailed(ctx.t.adminA, a.id);
    expect(failed).toMatchObject({
      status: 'scheduled',
      meeting: { status: 'failed', lastError: 'meeting_deleted_at_vendor', vendorMeetingId: eventId },
    });
    const [after] = await channels();
    expect(after?.id).toBe(channel?.id);
    expect(after?.delivered).toBeGreaterThan(channel?.delivered ?? 0);
    const timeline = await call(ctx.api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/timeline`, {
      caller: ctx.t.adminA,
    });
    expect((timeline.json as { data: unknown[] }).data).toEqual([
      expect.objectContaining({ kind: 'meeting.deleted', details: { deletedBy: 'vendor' } }),
    ]);
    // Never recreated: the patient's link leads nowhere now, and no second event was inserted.
    expect((await eventOf(eventId)).status).toBe('cancelled');
    const opened = await fetch(ctx.api.baseUrl + new URL(a.patientJoinUrl).pathname, { redirect: 'manual' });
    expect(opened.status).not.toBe(302);
  });

  it('moves an event moved in Google Calendar back to the booking, on the same Meet', async () => {
    const a = await book(ctx.t.adminA, booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(ctx.t.adminA, a.id);
    const eventId = ready.meeting.vendorMeetingId as string;
    const before = await eventOf(eventId);
    const patches = async () =>
      (await googleCalls('PATCH', `${EVENTS}/${eventId}`)).filter((c) => c.status === 200);
    expect(await patches()).toEqual([]);

    // The provider drags the event an hour later in Google Calendar: the fake notifies televisit.
    const hourLater = (at: string) => new Date(Date.parse(at) + 60 * MINUTE).toISOString();
    const dragged = await fetch(
      `${ctx.api.baseUrl}/sandbox/_control/google/calendars/${encodeURIComponent(PROVIDER_GOOGLE)}/events/${eventId}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          start: { dateTime: hourLater(before.start.dateTime) },
          end: { dateTime: hourLater(before.end.dateTime) },
        }),
      },
    );
    expect(dragged.status).toBe(200);
    await waitFor(patches, (p) => p.length === 1, { what: 'televisit to move the event back' });
    const event = await waitFor(
      () => eventOf(eventId),
      (e) => Date.parse(e.start.dateTime) === Date.parse(a.startTime),
      { what: 'the event to be back at the booked time' },
    );
    expect(Date.parse(event.end.dateTime) - Date.parse(event.start.dateTime)).toBe(30 * MINUTE);
    expect(event.hangoutLink).toBe(before.hangoutLink);
    const after = await settled(
      ctx.t.adminA,
      a.id,
      'its meeting to be ready again',
      (x) => x.meeting.status === 'ready',
    );
    expect(after).toMatchObject({ startTime: a.startTime, patientJoinUrl: a.patientJoinUrl });
    const timeline = await call(ctx.api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/timeline`, {
      caller: ctx.t.adminA,
    });
    // Only the provider's move: our own writes, read back by the sync, are not moves.
    expect((timeline.json as { data: unknown[] }).data).toEqual([
      expect.objectContaining({
        kind: 'meeting.moved',
        details: { startTime: hourLater(a.startTime), durationMinutes: 30, movedBack: true },
      }),
    ]);
    // Our PATCH back is itself a change the sync reads (Google notifies it): it must not start another round.
    const [patchBack] = await patches();
    await waitFor(
      () => googleCalls('GET', EVENTS),
      (lists) => lists.some((c) => c.seq > (patchBack?.seq ?? Infinity)),
      { what: 'the sync to read the event after televisit moved it back' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await patches()).toHaveLength(1);
  });

  it('refuses a notification for an unknown channel, or with the wrong token, and syncs nothing', async () => {
    const [channel] = await channels();
    expect(channel?.id).toEqual(expect.any(String));
    const reads = async () => (await googleCalls('GET', EVENTS)).length;
    const readsBefore = await reads();
    const notify = (headers: Record<string, string>) =>
      fetch(`${ctx.api.baseUrl}/api/v1/webhooks/google`, {
        method: 'POST',
        headers: { 'x-goog-resource-state': 'exists', ...headers },
      });
    expect((await notify({ 'x-goog-channel-id': 'nope', 'x-goog-channel-token': 'x' })).status).toBe(404);
    expect(
      (await notify({ 'x-goog-channel-id': channel?.id ?? '', 'x-goog-channel-token': 'not-the-token' }))
        .status,
    ).toBe(404);
    expect((await notify({})).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await reads()).toBe(readsBefore);
  });

  it('disconnects all the same when Google cannot stop the channel just then, which is left to expire', async () => {
    const [channel] = await channels();
    expect(channel?.id).toEqual(expect.any(String));
    const mark = Math.max(0, ...(await sandboxCalls(ctx.api.baseUrl)).map((c) => c.seq));
    const limited = await fetch(`${ctx.api.baseUrl}/sandbox/_control/google/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 403 }),
    });
    expect(limited.status).toBe(200);
    await disconnect(ctx.api.baseUrl, ctx.t.providerA1, 'google');
    const calls = (await sandboxCalls(ctx.api.baseUrl, '?vendor=google')).filter(
      (c) => c.seq > mark && (c.path === '/calendar/v3/channels/stop' || c.path === '/revoke'),
    );
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /calendar/v3/channels/stop 403',
      'POST /revoke 200',
    ]);
    expect((await channels()).map((c) => c.id)).toEqual([channel?.id]);
    const google = await connectionOf(ctx.api.baseUrl, ctx.t.providerA1, ctx.t.providerA1.user.id, 'google');
    expect(google).toMatchObject({ status: 'not_connected' });
    // Connected again, for what follows.
    await connect(ctx.api.baseUrl, ctx.t.providerA1, 'google', { email: PROVIDER_GOOGLE });
  });

  it('stops the push channel when the provider disconnects Google, with the grant, before revoking it', async () => {
    const [channel] = await channels();
    expect(channel?.id).toEqual(expect.any(String));
    const mark = Math.max(0, ...(await sandboxCalls(ctx.api.baseUrl)).map((c) => c.seq));
    await disconnect(ctx.api.baseUrl, ctx.t.providerA1, 'google');
    // Google knows no channel on the calendar any more, so it notifies televisit of nothing there.
    expect(await channels()).toEqual([]);
    const calls = (await sandboxCalls(ctx.api.baseUrl, '?vendor=google')).filter(
      (c) => c.seq > mark && (c.path === '/calendar/v3/channels/stop' || c.path === '/revoke'),
    );
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /calendar/v3/channels/stop 204',
      'POST /revoke 200',
    ]);
  });
});

/** A server where providers cannot connect Google (no OAuth client) offers no Google Meet visits. */
describeEachEngine('Google Meet bookings without a Google OAuth client', (engine) => {
  const ctx = useTenantsApi(engine, { SANDBOX: 'false' });

  it('refuses a Google Meet booking with 422 video_provider_unavailable and stores nothing', async () => {
    const count = async () => {
      const list = await call(ctx.api.baseUrl, 'GET', '/api/v1/appointments?limit=100', {
        caller: ctx.t.adminA,
      });
      return (list.json as { data: Appointment[] }).data.length;
    };
    const refused = await call(ctx.api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: ctx.t.keyA,
      body: booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE),
    });
    expectProblem(refused, 422, 'video_provider_unavailable');
    expect(await count()).toBe(0);
    const zoom = await call(ctx.api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: ctx.t.keyA,
      body: booking(ctx.t.providerA1.user.id, 24 * 60 * MINUTE, { videoProvider: 'zoom' }),
    });
    expect(zoom.status).toBe(201);
    expect(await count()).toBe(1);
  });
});

/**
 * Polling, the backstop for push notifications Google does not guarantee, every 5 s here; and a
 * disconnected calendar is dropped without another call to Google.
 */
describeEachEngine('Google Calendar polling', (engine) => {
  const email = 'dr.a2@gmail.test';
  const ctx = useTenantsApi(engine, { GOOGLE_SYNC_INTERVAL_SECONDS: '5' }, ({ api, t }) =>
    connect(api.baseUrl, t.providerA2, 'google', { email }),
  );

  const { whenReady, whenFailed, book } = appointmentCalls(() => ctx.api.baseUrl);
  const control = (path: string, init?: RequestInit) =>
    fetch(`${ctx.api.baseUrl}/sandbox/_control/google${path}`, init);
  const calendarCalls = async (after: number) =>
    (await sandboxCalls(ctx.api.baseUrl, '?vendor=google')).filter(
      (c) => c.seq > after && c.path.startsWith('/calendar/'),
    );
  const lastSeq = async () => Math.max(0, ...(await sandboxCalls(ctx.api.baseUrl)).map((c) => c.seq));
  /** Deletes the event "in Google Calendar"; the visit must fail as deleted at the vendor. */
  const failsOnceDeletedInCalendar = async (appointmentId: string, eventId: string) => {
    const path = `/calendars/${encodeURIComponent(email)}/events/${eventId}`;
    expect((await control(path, { method: 'DELETE' })).status).toBe(204);
    const failed = await whenFailed(ctx.t.keyA, appointmentId);
    expect(failed.meeting.lastError).toBe('meeting_deleted_at_vendor');
  };

  it('finds an event deleted in Google Calendar without a notification', async () => {
    const a = await book(ctx.t.keyA, booking(ctx.t.providerA2.user.id, 24 * 60 * MINUTE));
    const eventId = (await whenReady(ctx.t.keyA, a.id)).meeting.vendorMeetingId as string;
    const mine = await waitFor(
      async () => ((await (await control('/channels')).json()) as { channels: Channel[] }).channels,
      (all) => all.some((c) => c.calendarId === email),
      { what: 'a channel on the calendar' },
    );
    // No notification will come: the channel is gone as if Google had dropped it.
    for (const channel of mine.filter((c) => c.calendarId === email)) {
      expect((await control(`/channels/${channel.id}`, { method: 'DELETE' })).status).toBe(204);
    }
    await failsOnceDeletedInCalendar(a.id, eventId);
  });

  it('sees a deletion made after Google dropped the sync token: the full resync lists deleted events', async () => {
    const a = await book(ctx.t.keyA, booking(ctx.t.providerA2.user.id, 24 * 60 * MINUTE));
    const eventId = (await whenReady(ctx.t.keyA, a.id)).meeting.vendorMeetingId as string;
    const all = ((await (await control('/channels')).json()) as { channels: Channel[] }).channels;
    expect(all.filter((c) => c.calendarId === email)).toEqual([]); // stopped above: polling only
    expect((await control('/sync-tokens/expire', { method: 'POST' })).status).toBe(200);
    const mark = await lastSeq();
    await failsOnceDeletedInCalendar(a.id, eventId);
    // The stale token answered 410, then the calendar was listed from the start.
    expect((await calendarCalls(mark)).map((c) => `${c.method} ${c.status}`)).toEqual(
      expect.arrayContaining(['GET 410', 'GET 200']),
    );
  });

  it('makes no call to Google for a calendar whose provider disconnected Google', async () => {
    const a = await book(ctx.t.keyA, booking(ctx.t.providerA2.user.id, 24 * 60 * MINUTE));
    await whenReady(ctx.t.keyA, a.id);
    // While connected, polling lists the calendar: what the wait below would see if it went on.
    const connectedMark = await lastSeq();
    await waitFor(
      () => calendarCalls(connectedMark),
      (calls) => calls.some((c) => c.method === 'GET'),
      { what: 'a poll of the connected calendar' },
    );
    await disconnect(ctx.api.baseUrl, ctx.t.providerA2, 'google');
    // Its channel was stopped at the fake above: Google's 404 for it counts as stopped, and the disconnect goes on.
    expect(
      (await calendarCalls(connectedMark))
        .filter((c) => c.path === '/calendar/v3/channels/stop')
        .map((c) => c.status),
    ).toEqual([404]);
    const mark = await lastSeq();
    // Two polling intervals: a sync would list the calendar at least once.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await calendarCalls(mark)).toEqual([]);
  }, 30_000);
});
