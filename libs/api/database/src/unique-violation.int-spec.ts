import { describeEachEngine } from '@televisit/testing';
import { useMigratedDataSource } from './spec-support';
import { isUniqueViolation } from './unique-violation';

describeEachEngine('isUniqueViolation', (engine) => {
  const ctx = useMigratedDataSource(engine);

  const insertClinic = (id: string) =>
    ctx.ds.query('INSERT INTO clinics (id, name, timezone) VALUES (?, ?, ?)', [id, 'Clinic', 'UTC']);
  const insertUser = (id: string, email: string) =>
    ctx.ds.query(
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
    const notNull = ctx.ds.query('INSERT INTO clinics (id, name, timezone) VALUES (?, NULL, ?)', [
      'c2',
      'UTC',
    ]);
    await expect(notNull.catch((e: unknown) => isUniqueViolation(e))).resolves.toBe(false);
    expect(isUniqueViolation(new Error('duplicate'))).toBe(false);
  });
});
