import { describeEachEngine, type RunningApi, type TestDatabase, waitFor } from '@televisit/testing';
import { openDatabaseRows } from '../chaos/database-rows';
import { type StandaloneSandbox, startStandaloneSandbox } from '../connections/standalone-sandbox';
import {
  call,
  type Caller,
  createUser,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from '../identity/identity-fixture';

/** Clinic B's Zoom Server-to-Server app at the fake Zoom, saved only once a booking waits for it. */
const APP = { accountId: 'acct-fix', clientId: 's2s-fix', clientSecret: 's2s-fix-secret-0123456' };
const HOSTS = { first: 'first@clinic-fix.test', second: 'second@clinic-fix.test' };
/** Far less than the slow retry (15 minutes) of a meeting that waits for a person. */
const AT_ONCE_MS = 10_000;

interface Appointment {
  id: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}

jest.setTimeout(40_000);

/**
 * A meeting that failed for want of something only a person can give (a Zoom account for the clinic,
 * a Zoom user for the provider) goes ahead as soon as they give it, not at the next slow retry.
 */
describeEachEngine('meetings waiting for a person go ahead once it is fixed', (engine) => {
  let db: TestDatabase;
  let vendors: StandaloneSandbox;
  let api: RunningApi;
  let t: Tenants;

  beforeAll(async () => {
    db = await engine.create();
    vendors = await startStandaloneSandbox();
    vendors.running.sandbox.zoom.registerServerToServerApp(APP);
    for (const email of Object.values(HOSTS)) vendors.running.sandbox.zoom.addUser(APP.accountId, { email });
    api = await startIdentityApi({ DATABASE_URL: db.url, ...vendors.env });
    t = await seedTenants(api.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await vendors?.running.close();
    await db?.drop();
  });

  async function book(caller: Caller, providerId: string): Promise<Appointment> {
    const created = await call(api.baseUrl, 'POST', '/api/v1/appointments', {
      caller,
      body: {
        providerId,
        startTime: new Date(Date.now() + 24 * 3600_000).toISOString(),
        durationMinutes: 30,
        timezone: 'UTC',
        videoProvider: 'zoom',
        patient: { displayName: 'Jane Patient' },
      },
    });
    expect(created.status).toBe(201);
    return created.json as Appointment;
  }

  const meetingOf = (
    id: string,
    what: string,
    until: (a: Appointment) => boolean,
    { caller = t.keyB, timeoutMs = 15_000 }: { caller?: Caller; timeoutMs?: number } = {},
  ) =>
    waitFor(
      async () =>
        (await call(api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment,
      until,
      { what: `appointment ${id}: ${what}`, timeoutMs },
    );

  it('when a clinic admin saves the clinic’s Zoom account', async () => {
    const provider = await createUser(api.baseUrl, t.platform, t.clinicB.id, 'provider', 'provider-b1');
    const mapped = await call(api.baseUrl, 'PATCH', `/api/v1/users/${provider.id}`, {
      caller: t.adminB,
      body: { zoomUser: HOSTS.first },
    });
    expect(mapped.status).toBe(200);
    const a = await book(t.keyB, provider.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed');
    expect(failed.meeting.lastError).toBe('zoom_not_connected');

    const saved = await call(api.baseUrl, 'PUT', `/api/v1/clinics/${t.clinicB.id}/zoom-account`, {
      caller: t.adminB,
      body: APP,
    });
    expect(saved.status).toBe(200);
    const ready = await meetingOf(a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready', {
      timeoutMs: AT_ONCE_MS,
    });
    expect(ready.meeting).toMatchObject({ lastError: null, vendorMeetingId: expect.stringMatching(/^\d+$/) });
  });

  it('when a clinic admin chooses the provider’s Zoom user', async () => {
    const provider = await createUser(api.baseUrl, t.platform, t.clinicB.id, 'provider', 'provider-b2');
    const a = await book(t.keyB, provider.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed');
    expect(failed.meeting.lastError).toBe('zoom_not_connected');

    const mapped = await call(api.baseUrl, 'PATCH', `/api/v1/users/${provider.id}`, {
      caller: t.adminB,
      body: { zoomUser: HOSTS.second },
    });
    expect(mapped.status).toBe(200);
    const ready = await meetingOf(a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready', {
      timeoutMs: AT_ONCE_MS,
    });
    expect(ready.meeting.lastError).toBeNull();
  });

  it('when the fix lands while the failing attempt is still waiting on Zoom', async () => {
    const provider = await createUser(api.baseUrl, t.platform, t.clinicB.id, 'provider', 'provider-b4');
    const mapped = await call(api.baseUrl, 'PATCH', `/api/v1/users/${provider.id}`, {
      caller: t.adminB,
      body: { zoomUser: 'nobody@clinic-fix.test' },
    });
    expect(mapped.status).toBe(200);
    const knobs = vendors.running.sandbox.knobs;
    const rows = await openDatabaseRows(db.url);
    try {
      // Zoom takes 3 s to say that this Zoom user does not exist; meanwhile the admin corrects it.
      knobs.latencyMs = 3_000;
      const a = await book(t.keyB, provider.id);
      await waitFor(
        () =>
          rows.all<{ lease_owner: string | null }>('SELECT lease_owner FROM appointments WHERE id = ?', [
            a.id,
          ]),
        (r) => Boolean(r[0]?.lease_owner),
        { what: `appointment ${a.id} to be claimed by the reconciler` },
      );
      const fixed = await call(api.baseUrl, 'PATCH', `/api/v1/users/${provider.id}`, {
        caller: t.adminB,
        body: { zoomUser: HOSTS.first },
      });
      expect(fixed.status).toBe(200);
      knobs.latencyMs = 0;
      const ready = await meetingOf(a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready', {
        timeoutMs: AT_ONCE_MS,
      });
      expect(ready.meeting.lastError).toBeNull();
    } finally {
      knobs.latencyMs = 0;
      await rows.close();
    }
  });

  it('leaves other clinics’ and other providers’ waiting meetings to their slow retry', async () => {
    // Clinic A has no Zoom account and provider A2 no Zoom of their own: this booking waits.
    const a = await book(t.keyA, t.providerA2.user.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed', {
      caller: t.keyA,
    });
    expect(failed.meeting.lastError).toBe('zoom_not_connected');
    const rows = await openDatabaseRows(db.url);
    try {
      const dueAt = async () =>
        rows.date(
          (await rows.all<{ due_at: unknown }>('SELECT due_at FROM appointments WHERE id = ?', [a.id]))[0]
            ?.due_at,
        );
      const before = await dueAt();
      expect(before?.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
      // Fixes for clinic B, and for another provider: each is acted on before its answer arrives.
      const other = await createUser(api.baseUrl, t.platform, t.clinicB.id, 'provider', 'provider-b3');
      for (const [path, method, body] of [
        [`/api/v1/users/${other.id}`, 'PATCH', { zoomUser: HOSTS.first }],
        [`/api/v1/clinics/${t.clinicB.id}/zoom-account`, 'PUT', APP],
      ] as const) {
        expect((await call(api.baseUrl, method, path, { caller: t.adminB, body })).status).toBe(200);
      }
      expect(await dueAt()).toEqual(before);
    } finally {
      await rows.close();
    }
  });
});
