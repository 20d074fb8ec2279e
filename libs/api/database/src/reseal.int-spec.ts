import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { openSecret, sealedKid, sealSecret } from '@televisit/api-vault';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { resealColumns } from './reseal';

const k1 = { kid: 'k1', key: randomBytes(32) };
const k2 = { kid: 'k2', key: randomBytes(32) };
const lost = { kid: 'lost', key: randomBytes(32) };
const column = { table: 'vault_scratch', idColumn: 'id', column: 'token' };
const bind = (rowId: string) => ({ table: column.table, column: column.column, rowId });

describeEachEngine('resealColumns (keys:rotate)', (engine) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await engine.create();
    ds = await new DataSource(dataSourceOptions(parseDatabaseUrl(db.url))).initialize();
    await ds.query('CREATE TABLE vault_scratch (id VARCHAR(36) PRIMARY KEY, token TEXT NULL)');
    const rows: Array<[string, string | null]> = [];
    for (let i = 0; i < 450; i++)
      rows.push([
        `r${String(i).padStart(4, '0')}`,
        sealSecret(`secret-${i}`, bind(`r${String(i).padStart(4, '0')}`), k1),
      ]);
    rows.push(
      ['r9000', null],
      ['r9001', sealSecret('orphan', bind('r9001'), lost)],
      ['r9002', sealSecret('new', bind('r9002'), k2)],
    );
    for (const [id, token] of rows)
      await ds.query('INSERT INTO vault_scratch (id, token) VALUES (?, ?)', [id, token]);
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('re-seals every value under the first key, across batches, and reports what it could not open', async () => {
    const report = await resealColumns(ds, [column], [k2, k1]);
    expect(report).toEqual({
      resealed: 450,
      alreadyCurrent: 1,
      failed: [{ ...bind('r9001'), rowId: 'r9001' }],
    });
    const rows = await ds.query<Array<{ id: string; token: string }>>(
      'SELECT id, token FROM vault_scratch WHERE token IS NOT NULL ORDER BY id',
    );
    for (const { id, token } of rows.filter((r) => r.id !== 'r9001')) {
      expect(sealedKid(token)).toBe('k2');
      expect(openSecret(token, bind(id), [k2])).toBe(
        id === 'r9002' ? 'new' : `secret-${Number(id.slice(1))}`,
      );
    }
  });

  it('is idempotent: a second run changes nothing', async () => {
    const report = await resealColumns(ds, [column], [k2, k1]);
    expect(report.resealed).toBe(0);
    expect(report.alreadyCurrent).toBe(451);
  });
});
