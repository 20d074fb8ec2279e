import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { describeWithService } from './services';

export interface TestDatabase {
  /** A DATABASE_URL for this database. */
  url: string;
  drop(): Promise<void>;
}

export interface DatabaseEngine {
  name: 'sqlite' | 'mariadb';
  create(): Promise<TestDatabase>;
}

/** Root connection for creating throwaway databases; override with TEST_MARIADB_URL. */
export const MARIADB_ADMIN_URL = process.env['TEST_MARIADB_URL'] ?? 'mysql://root@127.0.0.1:3306/test';

const sqlite: DatabaseEngine = {
  name: 'sqlite',
  create: () => {
    const dir = mkdtempSync(join(tmpdir(), 'televisit-sqlite-'));
    return Promise.resolve({
      url: `sqlite:${join(dir, 'televisit.sqlite')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    });
  },
};

/** A fresh database per call (`televisit_t_<random>`), dropped by `drop()`. */
const mariadb: DatabaseEngine = {
  name: 'mariadb',
  create: async () => {
    const admin = new URL(MARIADB_ADMIN_URL);
    const name = `televisit_t_${randomBytes(6).toString('hex')}`;
    const connect = () =>
      createConnection({
        host: admin.hostname,
        port: Number(admin.port || 3306),
        user: decodeURIComponent(admin.username || 'root'),
        password: decodeURIComponent(admin.password),
      });
    const connection = await connect();
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await connection.end();
    const url = new URL(MARIADB_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: async () => {
        const c = await connect();
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await c.end();
      },
    };
  },
};

/**
 * Runs `body` once per database engine: SQLite always, MariaDB when it answers (required in CI).
 */
export function describeEachEngine(title: string, body: (engine: DatabaseEngine) => void): void {
  describe(`${title} [sqlite]`, () => body(sqlite));
  describeWithService('mariadb', `${title} [mariadb]`, () => body(mariadb));
}

/** One engine by name, for a suite that needs a particular one (e.g. several processes on MariaDB). */
export const DATABASE_ENGINES: Readonly<Record<DatabaseEngine['name'], DatabaseEngine>> = { sqlite, mariadb };
