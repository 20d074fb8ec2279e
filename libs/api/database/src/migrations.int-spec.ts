import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine } from '@televisit/testing';
import type { DataSource } from 'typeorm';
import { pendingMigrations } from './database-readiness.check';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { useEmptyDatabase, withDataSource as withDataSourceOn } from './spec-support';

describeEachEngine('migrations', (engine) => {
  const ctx = useEmptyDatabase(engine);

  const withDataSource = <T>(work: (ds: DataSource) => Promise<T>) => withDataSourceOn(ctx.db.url, work);

  const tables = () =>
    withDataSource(async (ds) => {
      const runner = ds.createQueryRunner();
      try {
        return { clinics: await runner.hasTable('clinics'), migrations: await runner.hasTable('migrations') };
      } finally {
        await runner.release();
      }
    });

  it('applies every migration once, then has nothing pending', async () => {
    const target = parseDatabaseUrl(ctx.db.url);
    expect(await withDataSource(pendingMigrations)).toBe(MIGRATIONS.length);
    expect(await migrate(target, 'up')).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await migrate(target, 'up')).toEqual([]);
    expect(await withDataSource(pendingMigrations)).toBe(0);
    expect(await tables()).toEqual({ clinics: true, migrations: true });
  });

  it('stores UTC times with millisecond precision', async () => {
    await withDataSource(async (ds) => {
      const at = new Date('2026-11-23T18:30:45.123Z');
      await ds
        .createQueryBuilder()
        .insert()
        .into('clinics')
        .values({ id: 'c1', name: 'North Clinic', timezone: 'Europe/Berlin', created_at: at, updated_at: at })
        .execute();
      const row = (await ds
        .createQueryBuilder()
        .select('*')
        .from('clinics', 'c')
        .where('id = :id', { id: 'c1' })
        .getRawOne()) as {
        name: string;
        created_at: Date | string;
      };
      expect(row.name).toBe('North Clinic');
      const stored = row.created_at instanceof Date ? row.created_at : new Date(`${row.created_at}Z`);
      expect(stored.toISOString()).toBe('2026-11-23T18:30:45.123Z');
    });
  });

  it('reverts every migration down to an empty schema, and re-applies', async () => {
    const target = parseDatabaseUrl(ctx.db.url);
    expect(await migrate(target, 'down', MIGRATIONS.length)).toEqual(
      [...MIGRATIONS].reverse().map((m) => m.name),
    );
    expect((await tables()).clinics).toBe(false);
    expect(await withDataSource(pendingMigrations)).toBe(MIGRATIONS.length);
    expect(await migrate(target, 'down', 1)).toEqual([]);
    expect(await migrate(target, 'up')).toHaveLength(MIGRATIONS.length);
  });
});
