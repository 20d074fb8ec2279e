import { describeEachEngine } from '@televisit/testing';
import { Column, type DataSource, Entity, PrimaryColumn } from 'typeorm';
import { insertEntities, preparedFind } from './entity-sql';
import { runInTransaction } from './run-in-transaction';
import { useMigratedDataSource } from './spec-support';

// Shaped like the API's own entities: a transformer, nullable datetimes with milliseconds.
@Entity({ name: 'clinics' })
class Clinic {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 64 }) timezone!: string;
}

@Entity({ name: 'api_keys' })
class Key {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'clinic_id', type: 'varchar', length: 36 }) clinicId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) prefix!: string;
  @Column({ name: 'key_hash', type: 'varchar', length: 64 }) keyHash!: string;
  @Column({
    type: 'varchar',
    length: 255,
    transformer: { to: (s: string[]) => s.join(','), from: (s: string) => s.split(',') },
  })
  scopes!: string[];
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true }) lastUsedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true }) revokedAt!: Date | null;
}

const key = (id: string, lastUsedAt: Date | null): Key =>
  Object.assign(new Key(), {
    id,
    clinicId: 'c-1',
    name: `key ${id}`,
    prefix: 'tvk_abc',
    keyHash: `hash-${id}`,
    scopes: ['appointments:read', 'appointments:write'],
    createdBy: null,
    createdAt: new Date('2026-11-24T07:30:00.123Z'),
    lastUsedAt,
    revokedAt: null,
  });

describeEachEngine('entity-sql', (engine) => {
  const ctx = useMigratedDataSource(engine, { entities: [Clinic, Key] });
  let ds: DataSource;
  beforeAll(async () => {
    ds = ctx.ds;
    await ds.getRepository(Clinic).insert({ id: 'c-1', name: 'Clinic', timezone: 'UTC' });
  });

  it('inserts rows exactly as the entity manager would store them, in the caller’s transaction', async () => {
    const written = [key('k-1', new Date('2026-11-24T07:31:02.456Z')), key('k-2', null)];
    await runInTransaction(ds, (manager) => insertEntities(manager, Key, written));
    await ds.getRepository(Key).insert(key('k-3', new Date('2026-11-24T07:31:02.456Z')));

    const raw = await ds.query<Array<Record<string, unknown>>>(
      'SELECT id, scopes, created_at, last_used_at FROM api_keys ORDER BY id',
    );
    // Stored the same way as TypeORM's own insert (k-3): same text for the scopes, same datetimes.
    expect(raw.map((r) => r['scopes'])).toEqual([
      'appointments:read,appointments:write',
      'appointments:read,appointments:write',
      'appointments:read,appointments:write',
    ]);
    expect(raw[0]?.['last_used_at']).toEqual(raw[2]?.['last_used_at']);
    expect(raw[1]?.['last_used_at']).toBeNull();
    expect(await ds.getRepository(Key).findOneByOrFail({ id: 'k-1' })).toEqual(written[0]);
  });

  it('rolls the inserts back with the transaction that made them', async () => {
    await expect(
      runInTransaction(ds, async (manager) => {
        await insertEntities(manager, Key, [key('k-9', null)]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await ds.getRepository(Key).findOneBy({ id: 'k-9' })).toBeNull();
  });

  it('refuses a row that leaves a column to TypeORM (a default it would have filled in)', async () => {
    const incomplete = Object.assign(key('k-8', null), { createdBy: undefined });
    await expect(
      runInTransaction(ds, (manager) => insertEntities(manager, Key, [incomplete])),
    ).rejects.toThrow('Key.createdBy must be given a value');
    expect(await ds.getRepository(Key).findOneBy({ id: 'k-8' })).toBeNull();
  });

  it('reads the selected properties back as the entity manager hydrates them', async () => {
    const find = preparedFind(ds, Key, ['id', 'scopes', 'lastUsedAt', 'revokedAt'], 'key_hash = ?');
    expect(await find(['hash-k-1'])).toEqual([
      {
        id: 'k-1',
        scopes: ['appointments:read', 'appointments:write'],
        lastUsedAt: new Date('2026-11-24T07:31:02.456Z'),
        revokedAt: null,
      },
    ]);
    expect(await find(['no-such-hash'])).toEqual([]);
  });
});
