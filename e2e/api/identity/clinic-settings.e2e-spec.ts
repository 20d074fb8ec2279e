import { describeEachEngine, type RunningApi, type TestDatabase } from '@televisit/testing';
import { randomUUID } from 'node:crypto';
import {
  call,
  type Caller,
  clientFor,
  expectProblem,
  problemShape,
  seedTenants,
  startIdentityApi,
  type Tenants,
} from './identity-fixture';

interface Clinic {
  id: string;
  name: string;
  timezone: string;
  meetingTopic: string;
  meetingAuthentication: boolean;
  createdAt: string;
  updatedAt: string;
}

interface AuditEvent {
  action: string;
  outcome: string;
  clinicId: string | null;
  actor: { type: string; id: string | null };
  target: { type: string; id: string } | null;
  details: Record<string, unknown>;
}

/** A title nobody would type by accident: if it shows up in the audit trail, a value leaked. */
const TOPIC = 'Telehealth consult 7f3a';

jest.setTimeout(20_000);

/**
 * A clinic's settings (PATCH /api/v1/clinics/{id}) on the built API: who may change them, what is
 * refused, and what the audit trail keeps (the names of the fields, never their values).
 */
describeEachEngine('clinic settings', (engine) => {
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

  const clinicPath = (id: string) => `/api/v1/clinics/${id}`;
  const patch = (caller: Caller, id: string, body: unknown) =>
    call(api.baseUrl, 'PATCH', clinicPath(id), { caller, body });
  async function read(id: string): Promise<Clinic> {
    const reply = await call(api.baseUrl, 'GET', clinicPath(id), { caller: t.platform });
    expect(reply.status).toBe(200);
    return reply.json as Clinic;
  }
  async function clinicAudit(): Promise<AuditEvent[]> {
    const reply = await call(api.baseUrl, 'GET', '/api/v1/audit-events?limit=200&action=clinic.updated', {
      caller: t.platform,
    });
    expect(reply.status).toBe(200);
    return (reply.json as { data: AuditEvent[] }).data;
  }

  it('shows the defaults on a new clinic: a neutral title and no Zoom sign-in', async () => {
    // The answer to POST (seedTenants created the clinic) and GET both carry them.
    expect(t.clinicA).toMatchObject({ meetingTopic: 'Video visit', meetingAuthentication: false });
    expect(await read(t.clinicB.id)).toMatchObject({
      meetingTopic: 'Video visit',
      meetingAuthentication: false,
    });
  });

  it("lets a clinic admin change their own clinic's meeting settings, trimmed, and audits the field names only", async () => {
    const before = await read(t.clinicA.id);
    const { data, response } = await clientFor(api.baseUrl, t.adminA).PATCH('/api/v1/clinics/{id}', {
      params: { path: { id: t.clinicA.id } },
      body: { meetingTopic: `  ${TOPIC}  `, meetingAuthentication: true },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      id: t.clinicA.id,
      name: before.name,
      timezone: before.timezone,
      meetingTopic: TOPIC,
      meetingAuthentication: true,
    });
    expect(Date.parse(data?.updatedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    // Stored, not only echoed; and visible to the clinic's providers.
    expect(await read(t.clinicA.id)).toMatchObject({ meetingTopic: TOPIC, meetingAuthentication: true });
    const asProvider = await call(api.baseUrl, 'GET', clinicPath(t.clinicA.id), { caller: t.providerA1 });
    expect(asProvider.json).toMatchObject({ meetingTopic: TOPIC, meetingAuthentication: true });
    // The other clinic is untouched.
    expect(await read(t.clinicB.id)).toMatchObject({
      meetingTopic: 'Video visit',
      meetingAuthentication: false,
    });

    const events = await clinicAudit();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'clinic.updated',
      outcome: 'success',
      clinicId: t.clinicA.id,
      actor: { type: 'user', id: t.adminA.user.id },
      target: { type: 'clinic', id: t.clinicA.id },
    });
    expect(events[0]?.details).toEqual({ fields: 'meetingAuthentication,meetingTopic' });
    expect(JSON.stringify(events)).not.toContain(TOPIC);

    // And back off again: false is a change, not an absent field.
    const off = await patch(t.adminA, t.clinicA.id, { meetingAuthentication: false });
    expect(off.status).toBe(200);
    expect(off.json).toMatchObject({ meetingTopic: TOPIC, meetingAuthentication: false });
  });

  it('lets a platform admin change any clinic, name and time zone included', async () => {
    const reply = await patch(t.platform, t.clinicB.id, {
      name: 'Clinic B North',
      timezone: 'America/Bogota',
    });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({
      id: t.clinicB.id,
      name: 'Clinic B North',
      timezone: 'America/Bogota',
      meetingTopic: 'Video visit',
      meetingAuthentication: false,
    });
    const events = await clinicAudit();
    expect(events).toContainEqual(
      expect.objectContaining({
        clinicId: t.clinicB.id,
        actor: { type: 'user', id: t.platform.user.id },
        details: { fields: 'name,timezone' },
      }),
    );
    expect(JSON.stringify(events)).not.toContain('Clinic B North');
  });

  it("answers another clinic's id exactly like an unknown one (404), and changes nothing", async () => {
    const before = await read(t.clinicB.id);
    const eventsBefore = (await clinicAudit()).length;
    const body = { meetingTopic: 'Hijacked', meetingAuthentication: true };
    const foreign = await patch(t.adminA, t.clinicB.id, body);
    const missing = await patch(t.adminA, randomUUID(), body);
    expectProblem(foreign, 404, 'not_found');
    expect(problemShape(foreign)).toEqual(problemShape(missing));
    expectProblem(await patch(t.platform, randomUUID(), body), 404, 'not_found');
    expectProblem(await patch(t.adminB, t.clinicA.id, body), 404, 'not_found');
    expect(await read(t.clinicB.id)).toEqual(before);
    expect(await clinicAudit()).toHaveLength(eventsBefore);
  });

  it('refuses providers and API keys (403), nobody (401), and a session without its CSRF token', async () => {
    const before = await read(t.clinicA.id);
    const body = { meetingTopic: 'Changed by a provider' };
    expectProblem(await patch(t.providerA1, t.clinicA.id, body), 403, 'forbidden');
    expectProblem(await patch(t.keyA, t.clinicA.id, body), 403, 'forbidden');
    expectProblem(await patch({ kind: 'anonymous' }, t.clinicA.id, body), 401, 'unauthenticated');
    expectProblem(
      await call(api.baseUrl, 'PATCH', clinicPath(t.clinicA.id), {
        headers: { cookie: t.adminA.cookie },
        body,
      }),
      403,
      'csrf_failed',
    );
    expect(await read(t.clinicA.id)).toEqual(before);
  });

  it.each([
    ['an empty body', {}, '(root)'],
    ['an empty title', { meetingTopic: '   ' }, 'meetingTopic'],
    ['a title over 200 characters', { meetingTopic: 'x'.repeat(201) }, 'meetingTopic'],
    ['a title that is not text', { meetingTopic: 42 }, 'meetingTopic'],
    ['a sign-in flag that is not a boolean', { meetingAuthentication: 'yes' }, 'meetingAuthentication'],
    ['a time zone that does not exist', { timezone: 'Mars/Olympus' }, 'timezone'],
    ['an empty name', { name: '' }, 'name'],
    ['a field the API does not have', { meetingTopic: 'Visit', patientName: 'Jane' }, 'patientName'],
  ])('refuses %s with a 400 problem naming the field, and changes nothing', async (_label, body, path) => {
    const before = await read(t.clinicA.id);
    const reply = await patch(t.adminA, t.clinicA.id, body);
    const problem = expectProblem(reply, 400, 'validation_failed');
    const errors = problem['errors'] as Array<{ path: string; message: string }>;
    expect(errors.map((e) => e.path)).toContain(path);
    expect(await read(t.clinicA.id)).toEqual(before);
  });

  it('refuses a body that is not JSON without a 500', async () => {
    const reply = await call(api.baseUrl, 'PATCH', clinicPath(t.clinicA.id), {
      caller: t.adminA,
      rawBody: '{"meetingTopic":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(reply, 400, 'malformed_json');
  });
});
