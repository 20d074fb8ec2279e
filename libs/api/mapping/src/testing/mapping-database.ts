import { parseDatabaseUrl } from '@televisit/api-core';
import { dataSourceOptions } from '@televisit/api-database';
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
