import { parseDatabaseUrl, parseEncryptionKeys } from '@televisit/api-core';
import { dataSourceOptions } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { randomBytes } from 'node:crypto';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** A connection to the test database at `url`, migrated to the current schema, with `entities` mapped: where this library's int-specs start. */
export function migratedDataSource(
  url: string,
  entities: NonNullable<DataSourceOptions['entities']>,
): Promise<DataSource> {
  return new DataSource({
    ...dataSourceOptions(parseDatabaseUrl(url)),
    entities,
    migrationsRun: true,
  }).initialize();
}

/** The clinic `c1` and its provider `p1`, for whom `pendingAppointment` books. */
export async function seedClinicAndProvider(dataSource: DataSource): Promise<void> {
  await dataSource.query("INSERT INTO clinics (id, name, timezone) VALUES ('c1', 'Clinic', 'UTC')");
  await dataSource.query(
    'INSERT INTO users (id, clinic_id, email, name, role, password_hash, created_at, updated_at) ' +
      "VALUES ('p1', 'c1', 'p@c.test', 'P', 'provider', 'x', '2026-07-01 10:00:00.000', '2026-07-01 10:00:00.000')",
  );
}

/** A test database as `describeEachEngine`'s engine makes one (the testing library is for specs only). */
interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A migrated database for a describe block, with clinic `c1` and provider `p1`, and a vault with one fresh key. */
export interface MappingTestbed {
  readonly dataSource: DataSource;
  readonly vault: Vault;
}

/** Sets up a `MappingTestbed` on `engine` before the block's tests and drops it after them. */
export function useMappingDatabase(
  engine: { create(): Promise<ScratchDatabase> },
  entities: NonNullable<DataSourceOptions['entities']>,
): MappingTestbed {
  let db: ScratchDatabase | undefined;
  const testbed = {} as { dataSource: DataSource; vault: Vault };
  beforeAll(async () => {
    db = await engine.create();
    testbed.dataSource = await migratedDataSource(db.url, entities);
    await seedClinicAndProvider(testbed.dataSource);
    const keys = parseEncryptionKeys(`k1:${randomBytes(32).toString('base64')}`);
    testbed.vault = new Vault({ encryptionKeys: keys } as never);
  }, 30_000);
  afterAll(async () => {
    await testbed.dataSource?.destroy();
    await db?.drop();
  });
  return testbed;
}
