import { AUDIT_ENTITIES, AuditInputError, AuditService, verifyAuditChain } from '@televisit/api-audit';
import { ManualClock, type Principal } from '@televisit/api-core';
import { isUniqueViolation } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { type DataSource } from 'typeorm';
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

  it('fails the whole batch, without retrying each, on anything but a unique violation', async () => {
    const connections = jest.spyOn(dataSource, 'createQueryRunner');
    let results: PromiseSettledResult<void>[];
    try {
      results = await Promise.allSettled([
        writer.write(booking('c-1')),
        writer.write(booking('c-2', null, 'no-such-provider')), // a foreign key, not a unique index
      ]);
      expect(connections).toHaveBeenCalledTimes(1);
    } finally {
      connections.mockRestore();
    }
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await stored('appointments', 'id')).filter((id) => id.startsWith('c-'))).toEqual([]);
    expect(await verifyAuditChain(dataSource)).toEqual({ ok: true, count: 7 });
  });
});
