import { parseDatabaseUrl } from '@televisit/api-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source-options';
import { MIGRATIONS } from './index';

/** For migration specs: runs `work` on a fresh DataSource for `databaseUrl`, destroyed afterwards. */
export async function withDataSource<T>(
  databaseUrl: string,
  work: (ds: DataSource) => Promise<T>,
): Promise<T> {
  const ds = new DataSource(dataSourceOptions(parseDatabaseUrl(databaseUrl)));
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

/** The column names of `table` as the database reports them. */
export function columnsOf(databaseUrl: string, table: string): Promise<string[]> {
  return withDataSource(databaseUrl, async (ds) => {
    const runner = ds.createQueryRunner();
    try {
      return (await runner.getTable(table))?.columns.map((c) => c.name) ?? [];
    } finally {
      await runner.release();
    }
  });
}

/** How many migrations `migrate(…, 'down', n)` must revert to revert `migration`: it and every later one. */
export function stepsBack(migration: (typeof MIGRATIONS)[number]): number {
  return MIGRATIONS.length - MIGRATIONS.indexOf(migration);
}
