import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { Settled } from './batch-queue';

/**
 * Runs `work` in a transaction and resolves once it is committed. MySQL and MariaDB give each
 * transaction its own pooled connection and real row locks. TypeORM runs every better-sqlite3 query on
 * one shared connection, so two transactions open at once would interleave on it: on SQLite they queue
 * and are group-committed (`SqliteGroupCommit`).
 *
 * Never call it from inside `work` on SQLite: the inner call would wait for the outer forever.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation?: IsolationLevel,
): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') {
    return isolation ? dataSource.transaction(isolation, work) : dataSource.transaction(work);
  }
  let queue = sqliteQueues.get(dataSource);
  if (!queue) {
    queue = new SqliteGroupCommit(dataSource);
    sqliteQueues.set(dataSource, queue);
  }
  return queue.run(work);
}

const sqliteQueues = new WeakMap<DataSource, SqliteGroupCommit>();
const logger = new Logger('runInTransaction');

/** A group stops taking queued transactions once it has run this long: the loop turns at least this often. */
export const GROUP_BUDGET_MS = 4;
/** …or once it holds this many. */
const MAX_GROUP = 64;

interface Queued {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

type Outcome = Settled<unknown>;

/**
 * SQLite's transactions, one connection, one after another: the transactions queued when a group
 * starts run inside one BEGIN … COMMIT, each in a savepoint of its own, so that one failing rolls back
 * its own changes alone, and the group pays for one durable commit (one WAL sync, about 0.17 ms here)
 * instead of one each. Nobody's promise resolves before that COMMIT: each caller still learns of its
 * change only once it is durable, and if the COMMIT itself fails, every transaction of the group
 * rejects with its error and nothing of the group is kept.
 *
 * better-sqlite3 answers synchronously, so a group runs inside one turn of the event loop; it stops
 * taking more after `GROUP_BUDGET_MS`, and the loop turns before each group. The server accepts new
 * connections once per turn (libuv accepts one at a time): measured with 50 fresh connections
 * booking at once, a queue run back to back held the loop for 50–100 ms and kept connections waiting
 * seconds to be accepted (p99 about 1 s, max 3 s; `npm run bench`, appointment-create on SQLite).
 */
class SqliteGroupCommit {
  private waiting: Queued[] = [];
  private draining = false;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        await this.runGroup();
        if (this.waiting.length > 0) await nextTurn();
      }
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(): Promise<void> {
    // Taken before anything can fail, so that a failure always answers someone and never spins.
    const taken: Queued[] = [this.waiting.shift() as Queued];
    const outcomes: Outcome[] = [];
    const started = performance.now();
    // The group should open and close within one turn of the loop (better-sqlite3 answers
    // synchronously). If a transaction awaits a timer or I/O instead, other code's statements run on
    // the shared connection inside the open group and share its fate: say so, loudly.
    let turned = false;
    const marker = setImmediate(() => (turned = true));
    let runner: QueryRunner | undefined;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.startTransaction(); // BEGIN
      outcomes.push(await inSavepoint(runner, (taken[0] as Queued).work));
      while (
        this.waiting.length > 0 &&
        taken.length < MAX_GROUP &&
        performance.now() - started < GROUP_BUDGET_MS
      ) {
        const next = this.waiting.shift() as Queued;
        taken.push(next);
        outcomes.push(await inSavepoint(runner, next.work));
      }
      await runner.commitTransaction(); // COMMIT: the group's one sync
    } catch (error) {
      // BEGIN, a savepoint or the COMMIT failed: nothing of the group was kept.
      if (runner) await abandon(runner);
      for (const t of taken) t.reject(error);
      return;
    } finally {
      clearImmediate(marker);
      if (turned) {
        logger.warn(
          `a SQLite transaction group stayed open across an event-loop turn (${taken.length} ` +
            `transaction(s), ${Math.round(performance.now() - started)} ms): a transaction awaited a timer ` +
            'or I/O, so statements from elsewhere may have run inside it',
        );
      }
      await runner?.release();
    }
    taken.forEach((t, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) t.resolve(outcome.value as never);
      else t.reject(outcome.error);
    });
  }
}

/** `work` in a savepoint of the open transaction: released when it succeeds, rolled back to when it throws. */
async function inSavepoint(
  runner: QueryRunner,
  work: (manager: EntityManager) => Promise<unknown>,
): Promise<Outcome> {
  await runner.startTransaction(); // SAVEPOINT
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await work(runner.manager) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // A savepoint statement that fails throws out of here and fails the whole group.
  if (outcome.ok) {
    await runner.commitTransaction(); // RELEASE SAVEPOINT
  } else {
    // SQLite rolls the whole transaction back itself on some errors (disk full, I/O): then the
    // savepoint is gone, and the group fails with the work's own error, not "no such savepoint".
    try {
      await runner.rollbackTransaction(); // ROLLBACK TO SAVEPOINT
    } catch {
      throw outcome.error;
    }
  }
  return outcome;
}

/** Rolls back whatever is open and resets the shared runner's bookkeeping for the next group. */
async function abandon(runner: QueryRunner): Promise<void> {
  await runner.query('ROLLBACK').catch(() => undefined); // SQLite may have rolled back already
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/** Resolves on the event loop's next turn. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
