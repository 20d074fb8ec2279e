import { describeEachEngine } from '@televisit/testing';
import type { EntityManager } from 'typeorm';
import { runInTransaction } from './run-in-transaction';
import { useMigratedDataSource } from './spec-support';

describeEachEngine('runInTransaction', (engine) => {
  const ctx = useMigratedDataSource(engine);

  const insertClinic = (id: string) => (manager: EntityManager) =>
    manager.query('INSERT INTO clinics (id, name, timezone) VALUES (?, ?, ?)', [id, 'Clinic', 'UTC']);
  const clinicIds = async () =>
    (await ctx.ds.query<Array<{ id: string }>>('SELECT id FROM clinics ORDER BY id')).map((r) => r.id);

  it('commits each transaction whole, and rolls a failed one back without stopping the next', async () => {
    const results = await Promise.allSettled([
      runInTransaction(ctx.ds, insertClinic('t-1')),
      runInTransaction(ctx.ds, async (manager) => {
        await insertClinic('t-2')(manager);
        throw new Error('changed my mind');
      }),
      runInTransaction(ctx.ds, insertClinic('t-3')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await clinicIds()).toEqual(['t-1', 't-3']);
  });

  // SQLite only: there transactions queue on the one connection; MariaDB runs them side by side.
  if (engine.name === 'sqlite') {
    it('lets the event loop turn between queued transactions, so no queue holds it for long', async () => {
      const order: string[] = [];
      const queued = [1, 2, 3].map((n) =>
        runInTransaction(ctx.ds, async (manager) => {
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
