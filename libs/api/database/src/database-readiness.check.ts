import { Injectable } from '@nestjs/common';
import type { CheckResult, ReadinessCheck } from '@televisit/api-core';
import { DataSource } from 'typeorm';

/** Database reachable (a round trip) and every migration applied. */
@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<CheckResult[]> {
    const engine = this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    const started = performance.now();
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      return [
        { name: 'database', status: 'down', detail: `${engine} unreachable` },
        { name: 'migrations', status: 'down', detail: 'unknown: database unreachable' },
      ];
    }
    const latency = Math.round(performance.now() - started);
    const pending = await pendingMigrations(this.dataSource);
    return [
      { name: 'database', status: 'up', detail: `${engine}, ${latency} ms` },
      {
        name: 'migrations',
        status: pending === 0 ? 'up' : 'down',
        detail: pending === 0 ? 'all applied' : `${pending} pending`,
      },
    ];
  }
}

/** How many of the known migrations the database has not recorded yet. */
export async function pendingMigrations(dataSource: DataSource): Promise<number> {
  const runner = dataSource.createQueryRunner();
  try {
    const table = dataSource.options.migrationsTableName ?? 'migrations';
    if (!(await runner.hasTable(table))) return dataSource.migrations.length;
    const rows = (await runner.query(`SELECT name FROM ${runner.connection.driver.escape(table)}`)) as Array<{
      name: string;
    }>;
    const applied = new Set(rows.map((r) => r.name));
    return dataSource.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name)).length;
  } finally {
    await runner.release();
  }
}
