import type { MaybePromise } from '@televisit/api-core';
import type { DataSource } from 'typeorm';

/**
 * Runs a prepared SELECT with positional `?` parameters; rows come back as the driver gives them: at once
 * on SQLite (better-sqlite3 is synchronous), as a promise on MySQL/MariaDB. `await` takes both.
 */
export type PreparedSelect<Row> = (params: ReadonlyArray<string | number>) => MaybePromise<Row[]>;

interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface MysqlPool {
  execute(sql: string, params: unknown[], done: (error: Error | null, rows: unknown) => void): void;
}

/**
 * One SELECT straight on the driver TypeORM already holds (better-sqlite3's statement cache, mysql2's
 * pool with server-side prepared statements), skipping TypeORM's query runner and hydration: for reads
 * on a path so hot that TypeORM's per-query cost would dominate them (the patient join link, the
 * booking's provider; through `preparedFind`, the API key). Everything else reads through TypeORM. Datetime
 * columns come back as the driver gives them: see `driverDate`.
 */
export function preparedSelect<Row>(dataSource: DataSource, sql: string): PreparedSelect<Row> {
  if (dataSource.options.type === 'better-sqlite3') {
    const statement = (
      dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): SqliteStatement } }
    ).databaseConnection.prepare(sql);
    return (params) => statement.all(...params) as Row[];
  }
  const pool = (dataSource.driver as unknown as { pool: MysqlPool }).pool;
  return (params) =>
    new Promise<Row[]>((resolve, reject) => {
      pool.execute(sql, [...params], (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
}

/**
 * A datetime column as `preparedSelect` returns it: mysql2 gives a Date (TypeORM's connection runs in
 * UTC); TypeORM keeps SQLite datetimes as `YYYY-MM-DD HH:MM:SS.SSS` text in UTC.
 */
export function driverDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') return new Date(`${value.replace(' ', 'T')}Z`);
  throw new Error(`not a datetime column value: ${typeof value}`);
}
