import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/** Straight to the API's database, for what the API does not show (due-queue times, mapping rows). */
export interface DatabaseRows {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** A DATETIME column as stored by TypeORM (UTC on both engines), as a Date. */
  date(value: unknown): Date | null;
  /** A Date as TypeORM writes it, for comparisons and updates in SQL. */
  param(value: Date): unknown;
  close(): Promise<void>;
}

/** Opens a `DATABASE_URL` (`sqlite:<path>` or `mysql://…`) beside the API processes using it. */
export async function openDatabaseRows(url: string): Promise<DatabaseRows> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    db.pragma('busy_timeout = 5000');
    return {
      all: <T>(sql: string, params: unknown[] = []) => Promise.resolve(db.prepare(sql).all(...params) as T[]),
      run: (sql: string, params: unknown[] = []) => {
        db.prepare(sql).run(...params);
        return Promise.resolve();
      },
      date: (value) =>
        value === null || value === undefined ? null : new Date(`${(value as string).replace(' ', 'T')}Z`),
      // TypeORM's better-sqlite3 driver stores DATETIME as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
      param: (value) => value.toISOString().replace('T', ' ').replace('Z', ''),
      close: () => Promise.resolve(void db.close()),
    };
  }
  const target = new URL(url);
  const connection = await createConnection({
    host: target.hostname,
    port: Number(target.port || 3306),
    user: decodeURIComponent(target.username || 'root'),
    password: decodeURIComponent(target.password),
    database: target.pathname.slice(1),
    timezone: 'Z',
  });
  return {
    all: async <T>(sql: string, params: unknown[] = []) => {
      const [rows] = await connection.query(sql, params);
      return rows as T[];
    },
    run: async (sql: string, params: unknown[] = []) => {
      await connection.query(sql, params);
    },
    date: (value) => (value === null || value === undefined ? null : new Date(value as Date)),
    param: (value) => value,
    close: () => connection.end(),
  };
}
