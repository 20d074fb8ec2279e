import { parseDatabaseUrl } from '@televisit/api-core';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

/** A database a spec may create and drop (`describeEachEngine`'s engines, by shape). */
interface SpecDatabase {
  url: string;
  drop(): Promise<void>;
}
interface SpecEngine {
  create(): Promise<SpecDatabase>;
}

/** For a spec's describe block: a fresh, empty database of `engine`, dropped afterwards. */
export function useEmptyDatabase(engine: SpecEngine): { db: SpecDatabase } {
  const ctx = {} as { db: SpecDatabase };
  beforeAll(async () => {
    ctx.db = await engine.create();
  }, 30_000);
  afterAll(() => ctx.db?.drop());
  return ctx;
}

/**
 * For a spec's describe block: a fresh database of `engine` with every migration applied and a
 * DataSource on it (with `entities`, if the spec maps any); both gone afterwards.
 */
export function useMigratedDataSource(
  engine: SpecEngine,
  { entities = [] }: { entities?: DataSourceOptions['entities'] } = {},
): { db: SpecDatabase; ds: DataSource } {
  const ctx = {} as { db: SpecDatabase; ds: DataSource };
  beforeAll(async () => {
    ctx.db = await engine.create();
    await migrate(parseDatabaseUrl(ctx.db.url));
    ctx.ds = await new DataSource({
      ...dataSourceOptions(parseDatabaseUrl(ctx.db.url)),
      entities,
    }).initialize();
  }, 30_000);
  afterAll(async () => {
    await ctx.ds?.destroy();
    await ctx.db?.drop();
  });
  return ctx;
}

/** Runs `work` on a fresh DataSource for `databaseUrl`, destroyed afterwards. */
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
