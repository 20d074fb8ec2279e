import { describeEachEngine, waitFor } from '@televisit/testing';
import { call, type Caller } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';

/** The clinic's Zoom Server-to-Server app at the fake Zoom, and the Zoom user hosting provider A1. */
const APP = {
  accountId: 'acct-settings',
  clientId: 's2s-settings',
  clientSecret: 's2s-settings-secret-0123',
};
const HOST = 'host@clinic-settings.test';
const PATIENT = 'Jane Patient';

interface Appointment {
  id: string;
  title: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}

interface ZoomMeeting {
  topic: string;
  settings: Record<string, unknown>;
}

jest.setTimeout(30_000);

/**
 * The clinic's meeting settings reach the vendor: a visit booked without a title is called what the
 * clinic chose, and the clinic's "sign in to Zoom" choice is sent as `meeting_authentication`. The
 * built API books and reconciles; the spec reads the meetings back from the fake Zoom as the
 * clinic's own Zoom account would.
 */
describeEachEngine('clinic meeting settings at Zoom', (engine) => {
  const ctx = useSandboxedTenants(engine, {
    prepare: (vendors) => {
      vendors.running.sandbox.zoom.registerServerToServerApp(APP);
      vendors.running.sandbox.zoom.addUser(APP.accountId, { email: HOST });
    },
  });
  beforeAll(async () => {
    // Provider A1 has no Zoom of their own: the clinic's account hosts their visits as HOST.
    const saved = await call(ctx.api.baseUrl, 'PUT', `/api/v1/clinics/${ctx.t.clinicA.id}/zoom-account`, {
      caller: ctx.t.adminA,
      body: APP,
    });
    expect(saved.status).toBe(200);
    const mapped = await call(ctx.api.baseUrl, 'PATCH', `/api/v1/users/${ctx.t.providerA1.user.id}`, {
      caller: ctx.t.adminA,
      body: { zoomUser: HOST },
    });
    expect(mapped.status).toBe(200);
  });

  const zoomBase = () => `${ctx.vendors.running.url}/sandbox/zoom`;

  /** The meeting as Zoom shows it, read with a token of the clinic's own account. */
  async function zoomMeeting(meetingId: string): Promise<ZoomMeeting> {
    const token = await fetch(`${zoomBase()}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'account_credentials', account_id: APP.accountId }).toString(),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const meeting = await fetch(`${zoomBase()}/v2/meetings/${meetingId}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(meeting.status).toBe(200);
    return (await meeting.json()) as ZoomMeeting;
  }

  async function book(caller: Caller, extra: Record<string, unknown> = {}): Promise<Appointment> {
    const created = await call(ctx.api.baseUrl, 'POST', '/api/v1/appointments', {
      caller,
      body: {
        providerId: ctx.t.providerA1.user.id,
        startTime: new Date(Date.now() + 24 * 3600_000).toISOString(),
        durationMinutes: 30,
        timezone: 'Europe/Berlin',
        videoProvider: 'zoom',
        patient: { displayName: PATIENT },
        ...extra,
      },
    });
    expect(created.status).toBe(201);
    return created.json as Appointment;
  }

  /** Waits for the reconciler to create the meeting, then reads it at Zoom. */
  async function meetingOf(caller: Caller, id: string): Promise<ZoomMeeting> {
    const a = await waitFor(
      async () =>
        (await call(ctx.api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment,
      (x) => x.meeting.status !== 'pending',
      { what: `appointment ${id}'s meeting to leave pending` },
    );
    expect(a.meeting).toMatchObject({ status: 'ready', lastError: null });
    return zoomMeeting(a.meeting.vendorMeetingId ?? '');
  }

  const setClinic = (body: Record<string, unknown>) =>
    call(ctx.api.baseUrl, 'PATCH', `/api/v1/clinics/${ctx.t.clinicA.id}`, { caller: ctx.t.adminA, body });

  it('by default: the neutral "Video visit" title and no Zoom sign-in for patients', async () => {
    const a = await book(ctx.t.keyA);
    expect(a.title).toBe('Video visit');
    const meeting = await meetingOf(ctx.t.keyA, a.id);
    expect(meeting.topic).toBe('Video visit');
    expect(meeting.settings['meeting_authentication']).toBe(false);
    expect(JSON.stringify(meeting)).not.toContain(PATIENT);
  });

  it("with the clinic's own title and sign-in required: both reach Zoom", async () => {
    expect(
      (await setClinic({ meetingTopic: 'Riverside telehealth', meetingAuthentication: true })).status,
    ).toBe(200);
    const a = await book(ctx.t.adminA);
    expect(a.title).toBe('Riverside telehealth');
    const meeting = await meetingOf(ctx.t.adminA, a.id);
    expect(meeting.topic).toBe('Riverside telehealth');
    expect(meeting.settings['meeting_authentication']).toBe(true);
    // The other privacy settings are still sent explicitly alongside it.
    expect(meeting.settings).toMatchObject({ waiting_room: true, join_before_host: false });
  });

  it('keeps a title the booking gives, and reads the sign-in choice when the meeting is made', async () => {
    expect((await setClinic({ meetingAuthentication: false })).status).toBe(200);
    const a = await book(ctx.t.keyA, { title: 'Follow-up visit' });
    expect(a.title).toBe('Follow-up visit');
    const meeting = await meetingOf(ctx.t.keyA, a.id);
    expect(meeting.topic).toBe('Follow-up visit');
    expect(meeting.settings['meeting_authentication']).toBe(false);
  });
});
