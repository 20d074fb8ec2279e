import type { DatabaseTarget } from '@televisit/api-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export type MigrateDirection = 'up' | 'down';

/**
 * Applies every pending migration (`up`) or reverts the most recent `steps` (`down`). Returns the
 * names of the migrations it ran or reverted, oldest first for `up`.
 */
export async function migrate(
  target: DatabaseTarget,
  direction: MigrateDirection = 'up',
  steps = 1,
): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(target));
  await dataSource.initialize();
  try {
    if (direction === 'up') {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    }
    const reverted: string[] = [];
    for (let i = 0; i < steps; i++) {
      const before = await appliedMigrationNames(dataSource);
      if (before.length === 0) break;
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted.push(before[before.length - 1] as string);
    }
    return reverted;
  } finally {
    await dataSource.destroy();
  }
}

async function appliedMigrationNames(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    if (!(await runner.hasTable('migrations'))) return [];
    const rows = (await runner.query('SELECT name FROM migrations ORDER BY id')) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  } finally {
    await runner.release();
  }
}
