import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { migrate } from './migrate';
import { isUniqueViolation } from './unique-violation';

describeEachEngine('isUniqueViolation', (engine) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await engine.create();
    await migrate(parseDatabaseUrl(db.url));
    ds = await new DataSource(dataSourceOptions(parseDatabaseUrl(db.url))).initialize();
  }, 30_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const insertClinic = (id: string) =>
    ds.query('INSERT INTO clinics (id, name, timezone) VALUES (?, ?, ?)', [id, 'Clinic', 'UTC']);
  const insertUser = (id: string, email: string) =>
    ds.query(
      "INSERT INTO users (id, clinic_id, email, name, role, password_hash) VALUES (?, NULL, ?, 'U', 'provider', 'x')",
      [id, email],
    );

  it('recognises a repeated primary key and a repeated unique value', async () => {
    await insertClinic('c1');
    await expect(insertClinic('c1').catch((e: unknown) => isUniqueViolation(e))).resolves.toBe(true);
    await insertUser('u1', 'same@example.test');
    await expect(
      insertUser('u2', 'same@example.test').catch((e: unknown) => isUniqueViolation(e)),
    ).resolves.toBe(true);
  });

  it('does not mistake other failures for it', async () => {
    const notNull = ds.query('INSERT INTO clinics (id, name, timezone) VALUES (?, NULL, ?)', ['c2', 'UTC']);
    await expect(notNull.catch((e: unknown) => isUniqueViolation(e))).resolves.toBe(false);
    expect(isUniqueViolation(new Error('duplicate'))).toBe(false);
  });
});
