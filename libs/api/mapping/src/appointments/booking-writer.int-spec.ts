import { AUDIT_ENTITIES, AuditInputError, AuditService, verifyAuditChain } from '@televisit/api-audit';
import { ManualClock, type Principal } from '@televisit/api-core';
import { isUniqueViolation } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { type DataSource, QueryFailedError } from 'typeorm';
import { JoinLinkEntity } from '../join-links/join-link.entity';
import { pendingAppointment } from '../testing/appointment.fixture';
import { AppointmentEntity } from './appointment.entity';
import { type Booking, BookingWriter } from './booking-writer';
import { migratedDataSource, seedClinicAndProvider } from '../testing/mapping-database';

const NOW = new Date('2026-07-01T10:00:00.000Z');
const caller: Principal = {
  kind: 'api_key',
  apiKeyId: 'key-1',
  clinicId: 'c1',
  scopes: ['appointments:write'],
};

function booking(id: string, externalId: string | null = null, providerId = 'p1'): Booking {
  const appointment = pendingAppointment(id, NOW, { externalId, providerId });
  const link = Object.assign(new JoinLinkEntity(), {
    id: `link-${id}`,
    appointmentId: id,
    sealedToken: 'sealed',
    createdAt: NOW,
  });
  return {
    appointment,
    link,
    // Like the idempotency key's: a write in the booking's own transaction.
    claim: {
      bind: async (manager, resourceId) => {
        await manager.query('INSERT INTO clinics (id, name, timezone) VALUES (?, ?, ?)', [
          `bound-${resourceId}`,
          'key bound',
          'UTC',
        ]);
      },
    },
    audit: {
      actor: caller,
      clinicId: 'c1',
      action: 'appointment.created',
      target: { type: 'appointment', id },
      outcome: 'success',
      meta: { ip: null, userAgent: null, requestId: id },
      details: { videoProvider: 'zoom', providerId: 'p1', external: externalId !== null },
    },
  };
}

describeEachEngine('BookingWriter', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let writer: BookingWriter;
  let audit: AuditService;

  beforeAll(async () => {
    db = await engine.create();
    dataSource = await migratedDataSource(db.url, [AppointmentEntity, JoinLinkEntity, ...AUDIT_ENTITIES]);
    await seedClinicAndProvider(dataSource);
    audit = new AuditService(dataSource, new ManualClock(NOW));
    writer = new BookingWriter(dataSource, audit);
  }, 30_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const stored = async (table: string, column: string) =>
    (
      await dataSource.query<Array<Record<string, string>>>(
        `SELECT ${column} FROM ${table} ORDER BY ${column}`,
      )
    ).map((r) => String(r[column]));
  const auditedTargets = async () =>
    (
      await dataSource.query<Array<{ target_id: string }>>('SELECT target_id FROM audit_events ORDER BY seq')
    ).map((r) => r.target_id);

  const bound = async () =>
    (await stored('clinics', 'id')).filter((id) => id.startsWith('bound-')).map((id) => id.slice(6));

  it('commits bookings that arrive together in one transaction, each with its link, key and audit row', async () => {
    const connections = jest.spyOn(dataSource, 'createQueryRunner');
    const chained = jest.spyOn(audit, 'recordAll');
    try {
      await Promise.all(['a-1', 'a-2', 'a-3'].map((id) => writer.write(booking(id))));
      // One transaction for the three (runInTransaction opens each on a query runner, both engines),
      // and one batch in it: on SQLite the group commit alone would also give one transaction.
      expect(connections).toHaveBeenCalledTimes(1);
      expect(chained).toHaveBeenCalledTimes(1);
      expect(chained.mock.calls[0]?.[1]).toHaveLength(3);
    } finally {
      connections.mockRestore();
      chained.mockRestore();
    }
    expect(await stored('appointments', 'id')).toEqual(['a-1', 'a-2', 'a-3']);
    expect(await stored('join_links', 'appointment_id')).toEqual(['a-1', 'a-2', 'a-3']);
    expect(await bound()).toEqual(['a-1', 'a-2', 'a-3']);
    // Chained in arrival order.
    expect(await auditedTargets()).toEqual(['a-1', 'a-2', 'a-3']);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, count: 3 });
  });

  it('fails only the booking whose externalId is taken when they share a batch', async () => {
    await writer.write(booking('b-0', 'ehr-7'));
    const connections = jest.spyOn(dataSource, 'createQueryRunner');
    let results: PromiseSettledResult<void>[];
    try {
      results = await Promise.allSettled([
        writer.write(booking('b-1', 'ehr-8')),
        writer.write(booking('b-2', 'ehr-7')), // taken by b-0
        writer.write(booking('b-3', null)),
      ]);
      // The batch, then each of its three alone.
      expect(connections).toHaveBeenCalledTimes(4);
    } finally {
      connections.mockRestore();
    }
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(isUniqueViolation((results[1] as PromiseRejectedResult).reason)).toBe(true);
    const ids = await stored('appointments', 'id');
    expect(ids.filter((id) => id.startsWith('b-'))).toEqual(['b-0', 'b-1', 'b-3']);
    // Nothing of the failed booking was kept: no link, no key binding, no audit row; the chain is whole.
    expect(await stored('join_links', 'appointment_id')).not.toContain('b-2');
    expect(await bound()).not.toContain('b-2');
    expect(await auditedTargets()).not.toContain('b-2');
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, count: 6 });
  });

  it('fails only the booking whose audit event is refused when they share a batch', async () => {
    const refused = booking('d-2');
    refused.audit = { ...refused.audit, details: { 'not an identifier': true } };
    const results = await Promise.allSettled([writer.write(booking('d-1')), writer.write(refused)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(AuditInputError);
    expect((await stored('appointments', 'id')).filter((id) => id.startsWith('d-'))).toEqual(['d-1']);
  });

  /** Counts the transactions opened while `work` runs (one per query runner, both engines). */
  async function transactionsDuring<T>(work: () => Promise<T>): Promise<{ result: T; transactions: number }> {
    const runners = jest.spyOn(dataSource, 'createQueryRunner');
    try {
      const result = await work();
      return { result, transactions: runners.mock.calls.length };
    } finally {
      runners.mockRestore();
    }
  }
  const chainLength = async () => (await verifyAuditChain(dataSource)).count;

  it('fails only the booking the database refuses for another reason when they share a batch', async () => {
    const before = await chainLength();
    const { result, transactions } = await transactionsDuring(() =>
      Promise.allSettled([
        writer.write(booking('c-1')),
        writer.write(booking('c-2', null, 'no-such-provider')), // a foreign key, not a unique index
        writer.write(booking('c-3')),
      ]),
    );
    // The batch, then each of its three alone.
    expect(transactions).toBe(4);
    expect(result.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refusal = (result[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(refusal)).toBe(false);
    expect((await stored('appointments', 'id')).filter((id) => id.startsWith('c-'))).toEqual(['c-1', 'c-3']);
    expect(await stored('join_links', 'appointment_id')).not.toContain('c-2');
    expect(await bound()).not.toContain('c-2');
    expect(await auditedTargets()).not.toContain('c-2');
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, count: before + 2 });
  });

  if (engine.name === 'mariadb') {
    it('fails only the booking whose start time MariaDB cannot hold, not the others of its batch', async () => {
      // Year 10000 in UTC: written as TypeORM writes dates, refused by MariaDB's strict mode.
      const beyond = booking('y-2');
      beyond.appointment.startTime = new Date('9999-12-31T23:59:59-14:00');
      const results = await Promise.allSettled([writer.write(booking('y-1')), writer.write(beyond)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect((await stored('appointments', 'id')).filter((id) => id.startsWith('y-'))).toEqual(['y-1']);
    });
  }

  it('answers the whole batch, without trying each alone, when its COMMIT fails', async () => {
    const before = await chainLength();
    const open = dataSource.createQueryRunner.bind(dataSource);
    // The COMMIT goes through and its answer is lost: the outcome is unknown to the writer.
    const lostAnswer = new Error('connection lost after COMMIT');
    const { result, transactions } = await transactionsDuring(() => {
      jest.spyOn(dataSource, 'createQueryRunner').mockImplementationOnce((...args) => {
        const runner = open(...args);
        const commit = runner.commitTransaction.bind(runner);
        const commits = jest.spyOn(runner, 'commitTransaction').mockImplementation(async () => {
          // SQLite releases its savepoints with it too.
          if ((runner as unknown as { transactionDepth: number }).transactionDepth > 1) return commit();
          commits.mockRestore(); // SQLite's one runner serves every later transaction
          await commit();
          throw lostAnswer;
        });
        return runner;
      });
      return Promise.allSettled([writer.write(booking('e-1')), writer.write(booking('e-2'))]);
    });
    expect(transactions).toBe(1);
    expect(result).toEqual([
      { status: 'rejected', reason: lostAnswer },
      { status: 'rejected', reason: lostAnswer },
    ]);
    // Committed after all: tried again, each would have met its own row.
    expect((await stored('appointments', 'id')).filter((id) => id.startsWith('e-'))).toEqual(['e-1', 'e-2']);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, count: before + 2 });
  });

  it('stops trying bookings alone once the database itself fails, and answers the rest with that', async () => {
    const open = dataSource.createQueryRunner.bind(dataSource);
    const gone = new Error('the database is gone');
    const { result, transactions } = await transactionsDuring(() => {
      jest
        .spyOn(dataSource, 'createQueryRunner')
        .mockImplementationOnce(open) // the batch, refused for f-2's provider
        .mockImplementationOnce(() => {
          throw gone; // f-1 alone: no connection
        });
      return Promise.allSettled([
        writer.write(booking('f-1')),
        writer.write(booking('f-2', null, 'no-such-provider')),
        writer.write(booking('f-3')),
      ]);
    });
    expect(transactions).toBe(2);
    expect(result).toEqual([
      { status: 'rejected', reason: gone },
      { status: 'rejected', reason: gone },
      { status: 'rejected', reason: gone },
    ]);
    expect((await stored('appointments', 'id')).filter((id) => id.startsWith('f-'))).toEqual([]);
  });
});
