import { describeEachEngine } from '@televisit/testing';
import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GROUP_BUDGET_MS, runInTransaction } from './run-in-transaction';
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

  // SQLite only: there transactions queue on the one connection and are group-committed; MariaDB
  // runs them side by side.
  if (engine.name === 'sqlite') {
    const connection = () =>
      (ctx.ds.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection;

    it('commits the transactions queued together once, and each caller hears only after that commit', async () => {
      const order: string[] = [];
      const groups = jest.spyOn(ctx.ds, 'createQueryRunner'); // one per BEGIN … COMMIT
      const queued = ['g-1', 'g-2', 'g-3'].map((id, n) =>
        runInTransaction(ctx.ds, async (manager) => {
          order.push(`tx${n + 1}`);
          await insertClinic(id)(manager);
          if (id === 'g-2') throw new Error('changed my mind');
          return id;
        }).then(
          (value) => {
            // Committed by then: no transaction is open and the row is there for everyone.
            order.push(`${value} committed: ${!connection().inTransaction}`);
          },
          () => order.push(`g-2 rejected: ${!connection().inTransaction}`),
        ),
      );
      try {
        await Promise.all(queued);
        expect(groups).toHaveBeenCalledTimes(1);
      } finally {
        groups.mockRestore();
      }
      // All three ran in one group, nobody heard before the COMMIT, and the failed one's savepoint
      // took its insert back without touching the others'.
      expect(order.slice(0, 3)).toEqual(['tx1', 'tx2', 'tx3']);
      expect(order.slice(3, 6).sort()).toEqual(
        ['g-1 committed: true', 'g-2 rejected: true', 'g-3 committed: true'].sort(),
      );
      expect((await clinicIds()).filter((id) => id.startsWith('g-'))).toEqual(['g-1', 'g-3']);
    });

    it('lets the event loop turn once a group has run its budget, so no queue holds it for long', async () => {
      const order: string[] = [];
      const queued = [1, 2, 3].map((n) =>
        runInTransaction(ctx.ds, async (manager) => {
          order.push(`tx${n}`);
          // Something that waits for the loop's next turn, as accepting a new connection does.
          setImmediate(() => order.push(`turn after tx${n}`));
          await manager.query('SELECT 1');
          const until = performance.now() + GROUP_BUDGET_MS + 1;
          while (performance.now() < until); // a transaction slower than a group's budget
        }),
      );
      await Promise.all(queued);
      expect(order.slice(0, 5)).toEqual(['tx1', 'turn after tx1', 'tx2', 'turn after tx2', 'tx3']);
    });

    it('warns when a group stays open across a turn of the loop, and stays quiet when it does not', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await runInTransaction(ctx.ds, (manager) => manager.query('SELECT 1'));
        expect(warn).not.toHaveBeenCalled();
        await runInTransaction(ctx.ds, async (manager) => {
          await new Promise((resolve) => setTimeout(resolve, 5)); // I/O inside a transaction
          await manager.query('SELECT 1');
        });
        expect(warn).toHaveBeenCalledWith(expect.stringMatching(/stayed open across an event-loop turn/));
      } finally {
        warn.mockRestore();
      }
    });

    it('rejects every transaction of a group whose COMMIT fails, keeps none of it, and goes on', async () => {
      const results = await Promise.allSettled([
        runInTransaction(ctx.ds, insertClinic('c-1')),
        runInTransaction(ctx.ds, async (manager) => {
          // A foreign key checked only at COMMIT: the group's one commit fails.
          await manager.query('PRAGMA defer_foreign_keys = ON');
          await manager.query(
            "INSERT INTO users (id, clinic_id, email, name, role, password_hash, created_at, updated_at) VALUES ('u-1', 'no-such-clinic', 'a@b.test', 'A', 'provider', 'x', '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')",
          );
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
      expect(connection().inTransaction).toBe(false);
      expect(await clinicIds()).not.toContain('c-1');
      await runInTransaction(ctx.ds, insertClinic('c-2'));
      expect(await clinicIds()).toContain('c-2');
    });
  }
});
