import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { migrate } from './migrate';
import { runInTransaction } from './run-in-transaction';

describeEachEngine('runInTransaction', (engine) => {
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

  const insertClinic = (id: string) => (manager: DataSource['manager']) =>
    manager.query('INSERT INTO clinics (id, name, timezone) VALUES (?, ?, ?)', [id, 'Clinic', 'UTC']);
  const clinicIds = async () =>
    (await ds.query<Array<{ id: string }>>('SELECT id FROM clinics ORDER BY id')).map((r) => r.id);

  it('commits each transaction whole, and rolls a failed one back without stopping the next', async () => {
    const results = await Promise.allSettled([
      runInTransaction(ds, insertClinic('t-1')),
      runInTransaction(ds, async (manager) => {
        await insertClinic('t-2')(manager);
        throw new Error('changed my mind');
      }),
      runInTransaction(ds, insertClinic('t-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await clinicIds()).toEqual(['t-1', 't-3']);
  });

  // SQLite only: there transactions queue on the one connection; MariaDB runs them side by side.
  if (engine.name === 'sqlite') {
    it('lets the event loop turn between queued transactions, so no queue holds it for long', async () => {
      const order: string[] = [];
      const queued = [1, 2, 3].map((n) =>
        runInTransaction(ds, async (manager) => {
          order.push(`tx${n}`);
          // Something that waits for the loop's next turn, as accepting a new connection does.
          setImmediate(() => order.push(`turn after tx${n}`));
          await manager.query('SELECT 1');
        }),
      );
      await Promise.all(queued);
      expect(order.slice(0, 5)).toEqual(['tx1', 'turn after tx1', 'tx2', 'turn after tx2', 'tx3']);
    });
  }
});
