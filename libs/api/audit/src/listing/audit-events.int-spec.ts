import { parseDatabaseUrl, type Principal } from '@televisit/api-core';
import { migrate } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import type { AuditEvent } from '../events/audit-event.schema';
import { adminA, adminB, AUDIT_LOG_SEED as SEED, platform } from '../testing/audit-log.seed';
import { startAuditTestApp, type AuditTestApp } from '../testing/audit-test-app';
import type { AuditEventPage } from './list-audit-events.dto';

describeEachEngine('audit trail: GET /api/v1/audit-events', (engine) => {
  let db: TestDatabase;
  let t: AuditTestApp;
  let all: AuditEvent[];

  beforeAll(async () => {
    db = await engine.create();
    await migrate(parseDatabaseUrl(db.url));
    t = await startAuditTestApp(db.url);
    all = [];
    for (const input of SEED) {
      t.clock.advance(60_000);
      all.push(await t.audit.recordNow(input));
    }
    all.reverse();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const list = async (principal: Principal, query = '') => {
    const res = await t.get(`/api/v1/audit-events${query}`, principal);
    expect(res.status).toBe(200);
    return res.body as AuditEventPage;
  };
  const seqs = (events: AuditEvent[]) => events.map((e) => e.seq);
  /** Follows nextCursor to the end. */
  async function everyPage(
    principal: Principal,
    query: string,
    from: string | null = null,
  ): Promise<AuditEvent[][]> {
    const pages: AuditEvent[][] = [];
    let cursor = from;
    do {
      const page = await list(principal, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.data);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('shows a platform admin every event, newest first, in the documented shape', async () => {
    const page = await list(platform);
    expect(page).toEqual({ data: all, nextCursor: null });
    expect(seqs(page.data)).toEqual(SEED.map((_, i) => SEED.length - i));
    expect(page.data.find((e) => e.seq === 4)).toEqual({
      id: expect.any(String),
      seq: 4,
      occurredAt: '2026-05-04T08:04:00.000Z',
      actor: { type: 'user', id: 'u-admin-a' },
      clinicId: 'clinic-a',
      action: 'auth.login',
      target: null,
      outcome: 'success',
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      requestId: 'req-a',
      details: {},
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("shows a clinic admin their own clinic's events only", async () => {
    const own = all.filter((e) => e.clinicId === 'clinic-a');
    expect((await list(adminA)).data).toEqual(own);
    expect((await list(adminB)).data.every((e) => e.clinicId === 'clinic-b')).toBe(true);
    expect((await list(adminA, '?clinicId=clinic-a')).data).toEqual(own);
    // Another clinic's id narrows within the scope: an empty page, never that clinic's events.
    expect(await list(adminA, '?clinicId=clinic-b')).toEqual({ data: [], nextCursor: null });
    for (const action of ['auth.login', 'user.created', 'auth.logout']) {
      expect((await list(adminA, `?action=${action}`)).data.every((e) => e.clinicId === 'clinic-a')).toBe(
        true,
      );
    }
  });

  it('filters by clinic (platform admin), action, actor and time', async () => {
    expect((await list(platform, '?clinicId=clinic-b')).data).toEqual(
      all.filter((e) => e.clinicId === 'clinic-b'),
    );
    expect((await list(platform, '?action=user.created')).data).toEqual(
      all.filter((e) => e.action === 'user.created'),
    );
    expect((await list(platform, '?actorId=u-admin-b')).data).toEqual(
      all.filter((e) => e.actor.id === 'u-admin-b'),
    );
    expect(seqs((await list(platform, '?action=auth.login&actorId=u-admin-b')).data)).toEqual([5]);
    // from is inclusive, to exclusive; offsets are honoured (10:05+02:00 is 08:05Z).
    const window = await list(
      platform,
      `?from=${encodeURIComponent('2026-05-04T10:05:00+02:00')}&to=2026-05-04T08:08:00.000Z`,
    );
    expect(seqs(window.data)).toEqual([7, 6, 5]);
  });

  it('pages through the log by keyset, without duplicates or gaps', async () => {
    for (const [principal, query, expected] of [
      [platform, '?limit=3', all],
      [adminA, '?limit=2', all.filter((e) => e.clinicId === 'clinic-a')],
      [platform, '?limit=1&action=auth.login', all.filter((e) => e.action === 'auth.login')],
    ] as const) {
      const pages = await everyPage(principal, query);
      expect(pages.flat()).toEqual(expected);
      expect(pages.every((p) => p.length > 0)).toBe(true);
      expect(pages.length).toBe(Math.ceil(expected.length / Number(/limit=(\d+)/.exec(query)?.[1])));
    }
  });

  it('keeps its place when events are appended between pages', async () => {
    const first = await list(platform, '?limit=4');
    t.clock.advance(60_000);
    const appended = await t.audit.recordNow({
      actor: { kind: 'system' },
      clinicId: null,
      action: 'auth.login',
      outcome: 'success',
    });
    const rest = await everyPage(platform, '?limit=4', first.nextCursor);
    expect([...first.data, ...rest.flat()]).toEqual(all);
    expect((await list(platform, '?limit=1')).data[0]?.id).toBe(appended.id);
    all.unshift(appended);
  });

  it('answers bad parameters with 400 problem+json listing every one of them', async () => {
    const res = await t.get('/api/v1/audit-events?limit=0&from=yesterday&action=auth.hack&bogus=1', platform);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    const body = res.body as { code: string; errors: Array<{ path: string; message: string }> };
    expect(body.code).toBe('validation_failed');
    const reported = body.errors.map((e) => `${e.path} ${e.message}`).join('\n');
    for (const bad of ['limit', 'from', 'action', 'bogus']) expect(reported).toContain(bad);
    for (const query of [
      '?limit=201',
      '?limit=abc',
      '?to=2026-05-04T08:00:00',
      '?from=2026-05-04T09:00:00Z&to=2026-05-04T08:00:00Z',
    ]) {
      expect((await t.get(`/api/v1/audit-events${query}`, platform)).status).toBe(400);
    }
    // Years 0000 and 9999 as written, but −1 and 10000 in UTC: no column holds them, and compared as
    // TypeORM writes them they matched the wrong events (`to` in year 10000 matched none).
    for (const [field, value] of [
      ['from', '0000-01-01T00:00:00+01:00'],
      ['to', '9999-12-31T23:59:59-14:00'],
    ] as const) {
      const refused = await t.get(`/api/v1/audit-events?${field}=${encodeURIComponent(value)}`, platform);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: field, message: expect.stringMatching(/0000-01-01.*9999-12-31/) }],
      });
    }
    // Every instant with a four-digit UTC year is a bound like any other.
    const widest = await list(platform, '?from=0000-01-01T00:00:00Z&to=9999-12-31T23:59:59.999Z');
    expect(widest.data).toEqual(all);
  });

  it('answers a malformed cursor with 400 invalid_cursor', async () => {
    for (const cursor of ['nope', 'c2VxOjA', `${(await list(platform, '?limit=1')).nextCursor}x`]) {
      const res = await t.get(`/api/v1/audit-events?cursor=${cursor}`, platform);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_cursor' });
    }
  });
});
