import { describeEachEngine, type RunningApi, type TestDatabase, waitFor } from '@televisit/testing';
import { connect, sandboxCalls } from '../connections/connect-fixture';
import { type Appointment, appointmentCalls } from './appointment-calls';
import {
  call,
  type Caller,
  expectProblem,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';

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
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url });
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  const { settled, whenReady } = appointmentCalls(() => api.baseUrl);
  /** Books through the API, which must accept it. */
  const book = async (caller: Caller, body: Record<string, unknown>) => {
    const reply = await call(api.baseUrl, 'POST', '/api/v1/appointments', { caller, body });
    expect(reply.status).toBe(201);
    return reply.json as Appointment;
  };
  /** The event as the fake Google holds it (its test control, not the Calendar API). */
  const eventOf = async (eventId: string) => {
    const reply = await fetch(
      `${api.baseUrl}/sandbox/_control/google/calendars/${encodeURIComponent(PROVIDER_GOOGLE)}/events/${eventId}`,
    );
    expect(reply.status).toBe(200);
    return (await reply.json()) as CalendarEvent;
  };
  const googleCalls = async (method: string, path: string) =>
    (await sandboxCalls(api.baseUrl, `?vendor=google&method=${method}`)).filter((c) => c.path === path);

  it('says google_not_connected until the provider connects Google, then catches up', async () => {
    const a = await book(t.keyA, booking(t.providerA1.user.id, 24 * 60 * MINUTE));
    expect(a).toMatchObject({ status: 'scheduled', meeting: { status: 'pending' } });
    const waiting = await settled(
      t.keyA,
      a.id,
      'google_not_connected',
      (x) => x.meeting.status !== 'pending',
    );
    expect(waiting.meeting).toMatchObject({ status: 'failed', lastError: 'google_not_connected' });

    await connect(api.baseUrl, t.providerA1, 'google', { email: PROVIDER_GOOGLE });
    const ready = await whenReady(t.keyA, a.id);
    expect(ready.meeting.lastError).toBeNull();
    expect(ready.meeting.vendorMeetingId).toBe(`tv${a.id.replace(/-/g, '')}`);
  });

  it('makes one private event with a Meet conference on the provider’s calendar, and no PHI in it', async () => {
    await fetch(`${api.baseUrl}/sandbox/_control/calls`, { method: 'DELETE' });
    const a = await book(t.adminA, booking(t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(t.adminA, a.id);
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
    const a = await book(t.providerA1, booking(t.providerA1.user.id, 5 * MINUTE));
    const ready = await whenReady(t.providerA1, a.id);
    const event = await eventOf(ready.meeting.vendorMeetingId as string);
    const opened = await fetch(api.baseUrl + new URL(a.patientJoinUrl).pathname, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(event.hangoutLink);
    const host = await call(api.baseUrl, 'GET', `/api/v1/appointments/${a.id}/host-link`, {
      caller: t.providerA1,
    });
    expect(host.status).toBe(200);
    expect((host.json as { url: string; expiresAt: string }).url).toBe(event.hangoutLink);
  });

  it('moves the same event when rescheduled (same Meet, same patient link) and deletes it when cancelled', async () => {
    const a = await book(t.adminA, booking(t.providerA1.user.id, 24 * 60 * MINUTE));
    const ready = await whenReady(t.adminA, a.id);
    const eventId = ready.meeting.vendorMeetingId as string;
    const link = (await eventOf(eventId)).hangoutLink;

    const later = new Date(Date.now() + 48 * 60 * MINUTE).toISOString();
    const moved = await call(api.baseUrl, 'PATCH', `/api/v1/appointments/${a.id}`, {
      caller: t.adminA,
      body: { startTime: later, durationMinutes: 45 },
    });
    expect(moved.status).toBe(200);
    const after = await settled(
      t.adminA,
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

    const cancelled = await call(api.baseUrl, 'POST', `/api/v1/appointments/${a.id}/cancel`, {
      caller: t.adminA,
    });
    expect(cancelled.status).toBe(200);
    await settled(t.adminA, a.id, 'its meeting to be cancelled', (x) => x.meeting.status === 'cancelled');
    expect((await eventOf(eventId)).status).toBe('cancelled');
    expect((await googleCalls('DELETE', `${EVENTS}/${eventId}`)).map((c) => c.status)).toEqual([204]);
  });
});

/** A server where providers cannot connect Google (no OAuth client) offers no Google Meet visits. */
describeEachEngine('Google Meet bookings without a Google OAuth client', (engine) => {
  let db: TestDatabase;
  let api: RunningApi;
  let t: Tenants;

  beforeAll(async () => {
    db = await engine.create();
    api = await startIdentityApi({ DATABASE_URL: db.url, SANDBOX: 'false' });
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('refuses a Google Meet booking with 422 video_provider_unavailable and stores nothing', async () => {
    const count = async () => {
      const list = await call(api.baseUrl, 'GET', '/api/v1/appointments?limit=100', { caller: t.adminA });
      return (list.json as { data: Appointment[] }).data.length;
    };
    const refused = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: booking(t.providerA1.user.id, 24 * 60 * MINUTE),
    });
    expectProblem(refused, 422, 'video_provider_unavailable');
    expect(await count()).toBe(0);
    const zoom = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller: t.keyA,
      body: booking(t.providerA1.user.id, 24 * 60 * MINUTE, { videoProvider: 'zoom' }),
    });
    expect(zoom.status).toBe(201);
    expect(await count()).toBe(1);
  });
});
