import { parseDatabaseUrl } from '@televisit/api-core';
import { dataSourceOptions, migrate } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { DataSource } from 'typeorm';
import { AUDIT_ENTITIES } from '../events/audit-entities';
import { AuditEventEntity } from '../events/audit-event.entity';
import { anEvent, aStoredRow } from '../testing/audit-chain.fixture';
import { startAuditTestApp, type AuditTestApp } from '../testing/audit-test-app';
import { expectedHash } from './chain-verifier';
import { verifyAuditChain } from './verify-audit-chain';

/** Tampering as someone with write access to the database would do it: raw SQL. */
describeEachEngine('audit trail: tamper detection', (engine) => {
  let db: TestDatabase;
  let t: AuditTestApp;
  let ids: string[];

  beforeAll(async () => {
    db = await engine.create();
    await migrate(parseDatabaseUrl(db.url));
    t = await startAuditTestApp(db.url);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    await t.resetChain();
    ids = [];
    for (let i = 1; i <= 6; i++) {
      t.clock.advance(60_000);
      const actor = i % 2 ? { kind: 'user_id' as const, userId: `u-${i}` } : { kind: 'system' as const };
      const event = await t.audit.recordNow({
        actor,
        clinicId: 'clinic-a',
        action: 'user.updated',
        outcome: 'success',
        details: { field: 'role' },
      });
      ids.push(event.id);
    }
  });

  const sql = (query: string, params: unknown[] = []) => t.dataSource.query(query, params);
  /** Each case at the default batch size and at one that puts batch edges around the damage. */
  const verifyBoth = async () => {
    const results = [
      await verifyAuditChain(t.dataSource),
      await verifyAuditChain(t.dataSource, { batchSize: 2 }),
    ];
    expect(results[1]).toEqual(results[0]);
    return results[0];
  };
  const row = async (seq: number) => t.dataSource.getRepository(AuditEventEntity).findOneByOrFail({ seq });

  it('finds an untouched chain intact, also through a DataSource built like the CLI', async () => {
    expect(await verifyBoth()).toEqual({ ok: true, count: 6 });
    const cli = new DataSource({ ...dataSourceOptions(parseDatabaseUrl(db.url)), entities: AUDIT_ENTITIES });
    await cli.initialize();
    try {
      expect(await verifyAuditChain(cli)).toEqual({ ok: true, count: 6 });
    } finally {
      await cli.destroy();
    }
  });

  it('names an UPDATEd middle row as modified', async () => {
    await sql(`UPDATE audit_events SET outcome = 'failure' WHERE seq = 3`);
    expect(await verifyBoth()).toMatchObject({
      ok: false,
      count: 3,
      first: { seq: 3, id: ids[2], problem: 'modified' },
    });
  });

  it('notices a time moved by one millisecond', async () => {
    const moved = new Date((await row(4)).occurredAt.getTime() + 1);
    await t.dataSource.getRepository(AuditEventEntity).update({ seq: 4 }, { occurredAt: moved });
    expect(await verifyBoth()).toMatchObject({ first: { seq: 4, problem: 'modified' } });
  });

  it('names an UPDATEd and re-hashed row as modified (the next row no longer links to it)', async () => {
    const target = { ...(await row(3)), actorId: 'u-innocent' };
    await sql(`UPDATE audit_events SET actor_id = ?, hash = ? WHERE seq = 3`, [
      target.actorId,
      expectedHash(target),
    ]);
    expect(await verifyBoth()).toMatchObject({
      first: { seq: 3, id: ids[2], problem: 'modified', detail: expect.stringContaining('re-hashed') },
    });
  });

  it('names a DELETEd middle row by its seq and the row after the gap', async () => {
    await sql(`DELETE FROM audit_events WHERE seq = 3`);
    expect(await verifyBoth()).toMatchObject({ first: { seq: 3, id: ids[3], problem: 'deleted' } });
  });

  it('catches a DELETEd last row through the head', async () => {
    await sql(`DELETE FROM audit_events WHERE seq = 6`);
    expect(await verifyBoth()).toMatchObject({
      ok: false,
      count: 5,
      first: { seq: 6, id: null, problem: 'deleted' },
    });
  });

  it('names a forged row INSERTed after the last one as inserted', async () => {
    const head = await t.head();
    const forged = aStoredRow(anEvent(7, { id: 'forged-after-head' }), head.hash);
    await t.dataSource.getRepository(AuditEventEntity).insert(forged);
    expect(await verifyBoth()).toMatchObject({
      first: { seq: 7, id: 'forged-after-head', problem: 'inserted' },
    });
  });

  it('names a forged row INSERTed mid-chain (later rows renumbered) as inserted', async () => {
    await sql(`UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 4`);
    await sql(`UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000`);
    const forged = aStoredRow(anEvent(4, { id: 'forged-mid-chain' }), (await row(3)).hash);
    await t.dataSource.getRepository(AuditEventEntity).insert(forged);
    expect(await verifyBoth()).toMatchObject({
      first: { seq: 4, id: 'forged-mid-chain', problem: 'inserted' },
    });
  });

  it('names a row whose details text was rewritten as modified', async () => {
    await sql(`UPDATE audit_events SET details = ? WHERE seq = 2`, ['{"field": "role"}']);
    expect(await verifyBoth()).toMatchObject({ first: { seq: 2, problem: 'modified' } });
  });
});
