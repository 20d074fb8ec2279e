import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a transaction. TypeORM runs every better-sqlite3 query on one shared connection,
 * so two transactions open at once would interleave on it (the second BEGIN fails, or worse, its
 * statements land in the first one's transaction): on SQLite they run one after another. MySQL
 * and MariaDB give each transaction its own pooled connection and real row locks.
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
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(nextTurn).then(() => dataSource.transaction(work));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Resolves on the event loop's next turn. better-sqlite3 answers synchronously, so queued
 * transactions would otherwise run back to back inside one turn, however many are waiting. The
 * server accepts new connections once per turn (libuv accepts one at a time), so under load a burst of
 * new connections waited seconds to be accepted: measured with 50 fresh connections booking at once,
 * p99 about 1 s and max 3 s before, about 0.2 s and 0.25 s with a turn per transaction, for about 6 %
 * fewer bookings a second (`npm run bench`, appointment-create on SQLite).
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
