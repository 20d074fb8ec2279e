import { Logger } from '@nestjs/common';
import { parseDatabaseUrl, type Principal } from '@televisit/api-core';
import { migrate } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { GENESIS_HASH } from '../chain/chain-hash';
import { toAuditEvent } from '../events/audit-event.view';
import { startAuditTestApp, type AuditTestApp } from '../testing/audit-test-app';
import { expectedHash } from '../verify/chain-verifier';
import { verifyAuditChain } from '../verify/verify-audit-chain';
import type { AuditInput } from './audit-input';
import { AuditInputError } from './audit-input.error';
import { runInTransaction } from '@televisit/api-database';

const admin: Principal = {
  kind: 'user',
  userId: 'u-admin-a',
  email: 'a@example.test',
  role: 'clinic_admin',
  clinicId: 'clinic-a',
  sessionId: 's-1',
};
const login = (overrides: Partial<AuditInput> = {}): AuditInput => ({
  actor: admin,
  clinicId: 'clinic-a',
  action: 'auth.login',
  outcome: 'success',
  meta: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0', requestId: 'req-1' },
  ...overrides,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngine('audit trail: recording', (engine) => {
  let db: TestDatabase;
  let t: AuditTestApp;

  beforeAll(async () => {
    db = await engine.create();
    await migrate(parseDatabaseUrl(db.url));
    t = await startAuditTestApp(db.url);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });
  beforeEach(() => t.resetChain());

  const clinicCount = async (id: string) =>
    Number(
      (
        await t.dataSource
          .createQueryBuilder()
          .select('COUNT(*)', 'n')
          .from('clinics', 'c')
          .where('c.id = :id', { id })
          .getRawOne<{ n: string | number }>()
      )?.n,
    );
  const insertClinic = (manager: typeof t.dataSource.manager, id: string) =>
    manager
      .createQueryBuilder()
      .insert()
      .into('clinics')
      .values({ id, name: 'North', timezone: 'UTC', created_at: new Date(), updated_at: new Date() })
      .execute();

  it('chains each event to the one before and moves the head', async () => {
    const returned = [
      await t.audit.recordNow(login()),
      await t.audit.recordNow(
        login({
          actor: { kind: 'user_id', userId: 'u-9' },
          outcome: 'failure',
          details: { reason: 'bad_password' },
        }),
      ),
      await t.audit.recordNow(
        login({ actor: { kind: 'anonymous' }, clinicId: null, outcome: 'failure', meta: null }),
      ),
    ];
    const rows = await t.rows();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.prevHash)).toEqual([GENESIS_HASH, rows[0]?.hash, rows[1]?.hash]);
    for (const row of rows) expect(expectedHash(row)).toBe(row.hash);
    // What comes back from the database is exactly what was hashed (times, nulls, details).
    expect(rows.map(toAuditEvent)).toEqual(returned);
    expect(returned[1]).toMatchObject({
      actor: { type: 'user', id: 'u-9' },
      details: { reason: 'bad_password' },
    });
    expect(await t.head()).toMatchObject({ seq: 3, hash: rows[2]?.hash });
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 3 });
  });

  it('commits the audit row together with the change it records', async () => {
    await runInTransaction(t.dataSource, async (manager) => {
      await insertClinic(manager, 'clinic-new');
      await t.audit.record(
        manager,
        login({ action: 'clinic.created', target: { type: 'clinic', id: 'clinic-new' } }),
      );
    });
    expect(await clinicCount('clinic-new')).toBe(1);
    expect((await t.rows()).map((r) => [r.seq, r.action, r.targetId])).toEqual([
      [1, 'clinic.created', 'clinic-new'],
    ]);
  });

  it('leaves no event and no head change when the transaction rolls back', async () => {
    await t.audit.recordNow(login());
    const headBefore = await t.head();
    await expect(
      runInTransaction(t.dataSource, async (manager) => {
        await insertClinic(manager, 'clinic-gone');
        await t.audit.record(
          manager,
          login({ action: 'clinic.created', target: { type: 'clinic', id: 'clinic-gone' } }),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await clinicCount('clinic-gone')).toBe(0);
    expect((await t.rows()).map((r) => r.seq)).toEqual([1]);
    expect(await t.head()).toEqual(headBefore);
    // The next event continues the chain without a gap.
    expect((await t.audit.recordNow(login())).seq).toBe(2);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 2 });
  });

  it('refuses to record outside a transaction, and refuses secret-like details, leaving no trace', async () => {
    await expect(t.audit.record(t.dataSource.manager, login())).rejects.toThrow(/inside the transaction/);
    await expect(t.audit.recordNow(login({ details: { password: 'hunter2' } }))).rejects.toThrow(
      AuditInputError,
    );
    expect(await t.rows()).toEqual([]);
    expect(await t.head()).toMatchObject({ seq: 0, hash: GENESIS_HASH });
  });

  it('stores exactly what it hashed: long user agents, emoji, lone surrogates, quotes', async () => {
    const userAgent = `${'x'.repeat(250)}“é”😀\uD83D${'y'.repeat(20)}`;
    const event = await t.audit.recordNow(
      login({
        meta: { ip: '2001:db8::1', userAgent, requestId: 'r' },
        details: { note: 'O\'Brien "quoted" \\ 😀 \uDC00', n: 1.5, z: -0 },
      }),
    );
    expect([...(event.userAgent ?? '')]).toHaveLength(255);
    const [row] = await t.rows();
    expect(row && toAuditEvent(row)).toEqual(event);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 1 });
  });

  it('gives 40 concurrent writers seq 1..40 without a gap, in one intact chain', async () => {
    const events = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.audit.recordNow(login({ meta: { ip: null, userAgent: null, requestId: `c-${i}` } })),
      ),
    );
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(await t.head()).toMatchObject({ seq: 40 });
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 40 });
  });

  it('commits standalone events that arrive together in one transaction, in arrival order', async () => {
    // One transaction, one connection, on both engines (runInTransaction opens each on a query runner).
    const transaction = jest.spyOn(t.dataSource, 'createQueryRunner');
    try {
      const events = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          t.audit.recordNow(login({ meta: { ip: null, userAgent: null, requestId: `g-${i}` } })),
        ),
      );
      expect(events.map((e) => e.requestId)).toEqual(Array.from({ length: 120 }, (_, i) => `g-${i}`));
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(transaction).toHaveBeenCalledTimes(1);
    } finally {
      transaction.mockRestore();
    }
    // What each caller was given is what was stored and chained.
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 120 });
    const stored = new Map((await t.rows()).map((row) => [row.seq, toAuditEvent(row)]));
    expect(stored.get(77)?.requestId).toBe('g-76');
  });

  it('rejects every event of a group whose transaction cannot be opened, and the next group still commits', async () => {
    const transaction = jest.spyOn(t.dataSource, 'createQueryRunner').mockImplementationOnce(() => {
      throw new Error('database went away');
    });
    try {
      const first = await Promise.allSettled([t.audit.recordNow(login()), t.audit.recordNow(login())]);
      expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect((await t.audit.recordNow(login())).seq).toBe(1);
    } finally {
      transaction.mockRestore();
    }
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 1 });
  });

  it('holds the head until the writer commits, so a slow transaction is never overtaken', async () => {
    const order: number[] = [];
    // Sleeping inside a transaction is what SQLite's group commit warns about: expected here.
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runInTransaction(t.dataSource, async (manager) => {
          const event = await t.audit.record(
            manager,
            login({ meta: { ip: null, userAgent: null, requestId: `slow-${i}` } }),
          );
          await sleep(i % 2 === 0 ? 30 : 5);
          order.push(event.seq);
        }),
      ),
    ).finally(() => warn.mockRestore());
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyAuditChain(t.dataSource)).toEqual({ ok: true, count: 8 });
  });
});
