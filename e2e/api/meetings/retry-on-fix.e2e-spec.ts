import { describeEachEngine, waitFor } from '@televisit/testing';
import { openDatabaseRows } from '../chaos/database-rows';
import { call, type Caller, createUser } from '../identity/identity-fixture';
import { useSandboxedTenants } from '../sandboxed-tenants';

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
  const ctx = useSandboxedTenants(engine, {
    prepare: (vendors) => {
      vendors.running.sandbox.zoom.registerServerToServerApp(APP);
      for (const email of Object.values(HOSTS))
        vendors.running.sandbox.zoom.addUser(APP.accountId, { email });
    },
  });

  async function book(caller: Caller, providerId: string): Promise<Appointment> {
    const created = await call(ctx.api.baseUrl, 'POST', '/api/v1/appointments', {
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
    { caller = ctx.t.keyB, timeoutMs = 15_000 }: { caller?: Caller; timeoutMs?: number } = {},
  ) =>
    waitFor(
      async () =>
        (await call(ctx.api.baseUrl, 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment,
      until,
      { what: `appointment ${id}: ${what}`, timeoutMs },
    );

  const newProvider = (label: string) =>
    createUser(ctx.api.baseUrl, ctx.t.platform, ctx.t.clinicB.id, 'provider', label);
  const chooseZoomUser = async (userId: string, zoomUser: string) => {
    const mapped = await call(ctx.api.baseUrl, 'PATCH', `/api/v1/users/${userId}`, {
      caller: ctx.t.adminB,
      body: { zoomUser },
    });
    expect(mapped.status).toBe(200);
  };

  it('when a clinic admin saves the clinic’s Zoom account', async () => {
    const provider = await newProvider('provider-b1');
    await chooseZoomUser(provider.id, HOSTS.first);
    const a = await book(ctx.t.keyB, provider.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed');
    expect(failed.meeting.lastError).toBe('zoom_not_connected');

    const saved = await call(ctx.api.baseUrl, 'PUT', `/api/v1/clinics/${ctx.t.clinicB.id}/zoom-account`, {
      caller: ctx.t.adminB,
      body: APP,
    });
    expect(saved.status).toBe(200);
    const ready = await meetingOf(a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready', {
      timeoutMs: AT_ONCE_MS,
    });
    expect(ready.meeting).toMatchObject({ lastError: null, vendorMeetingId: expect.stringMatching(/^\d+$/) });
  });

  // From here on, clinic B has the Zoom account the test above saved: these cases run in order.
  it('when a clinic admin chooses the provider’s Zoom user', async () => {
    const provider = await newProvider('provider-b2');
    const a = await book(ctx.t.keyB, provider.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed');
    expect(failed.meeting.lastError).toBe('zoom_not_connected');

    await chooseZoomUser(provider.id, HOSTS.second);
    const ready = await meetingOf(a.id, 'its meeting to be ready', (x) => x.meeting.status === 'ready', {
      timeoutMs: AT_ONCE_MS,
    });
    expect(ready.meeting.lastError).toBeNull();
  });

  it('when the fix lands while the failing attempt is still waiting on Zoom', async () => {
    const provider = await newProvider('provider-b4');
    await chooseZoomUser(provider.id, 'nobody@clinic-fix.test');
    const knobs = ctx.vendors.running.sandbox.knobs;
    const rows = await openDatabaseRows(ctx.db.url);
    try {
      // Zoom takes 3 s to say that this Zoom user does not exist; meanwhile the admin corrects it.
      knobs.latencyMs = 3_000;
      const a = await book(ctx.t.keyB, provider.id);
      await waitFor(
        () =>
          rows.all<{ lease_owner: string | null }>('SELECT lease_owner FROM appointments WHERE id = ?', [
            a.id,
          ]),
        (r) => Boolean(r[0]?.lease_owner),
        { what: `appointment ${a.id} to be claimed by the reconciler` },
      );
      await chooseZoomUser(provider.id, HOSTS.first);
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
    const a = await book(ctx.t.keyA, ctx.t.providerA2.user.id);
    const failed = await meetingOf(a.id, 'its meeting to fail', (x) => x.meeting.status === 'failed', {
      caller: ctx.t.keyA,
    });
    expect(failed.meeting.lastError).toBe('zoom_not_connected');
    const rows = await openDatabaseRows(ctx.db.url);
    try {
      const dueAt = async () =>
        rows.date(
          (await rows.all<{ due_at: unknown }>('SELECT due_at FROM appointments WHERE id = ?', [a.id]))[0]
            ?.due_at,
        );
      const before = await dueAt();
      expect(before?.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
      // Fixes for clinic B, and for another provider: each is acted on before its answer arrives.
      const other = await newProvider('provider-b3');
      for (const [path, method, body] of [
        [`/api/v1/users/${other.id}`, 'PATCH', { zoomUser: HOSTS.first }],
        [`/api/v1/clinics/${ctx.t.clinicB.id}/zoom-account`, 'PUT', APP],
      ] as const) {
        expect((await call(ctx.api.baseUrl, method, path, { caller: ctx.t.adminB, body })).status).toBe(200);
      }
      expect(await dueAt()).toEqual(before);
    } finally {
      await rows.close();
    }
  });
});
