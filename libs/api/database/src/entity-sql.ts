import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { preparedSelect, type PreparedSelect } from './prepared-select';

/**
 * SQL written out for the few statements on a hot path (booking an appointment, the audit chain),
 * where building it with TypeORM's query builder and hydrating its result cost more than running it.
 * Values still go through TypeORM's column metadata (its types, transformers and dates), so what is
 * stored and what comes back are exactly what the entity manager would store and return.
 */

/** What `preparedFind` makes: the matching rows, with the selected properties only. */
export type PreparedFind<E, K extends keyof E> = (
  params: ReadonlyArray<string | number>,
) => Promise<Array<Pick<E, K>>>;

/**
 * A prepared read of `select` (entity properties) of `entity`'s rows matching `where` (SQL with `?`
 * placeholders), outside any transaction; see `preparedSelect`. Prepared on its first call.
 */
export function preparedFind<E extends ObjectLiteral, K extends keyof E & string>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  select: readonly K[],
  where: string,
): PreparedFind<E, K> {
  let prepared: { run: PreparedSelect<Record<string, unknown>>; columns: ColumnMetadata[] } | undefined;
  return async (params) => {
    prepared ??= prepare(dataSource, entity, select, where);
    const { run, columns } = prepared;
    return (await run(params)).map((raw) => {
      const row: Record<string, unknown> = {};
      for (const c of columns)
        row[c.propertyName] = dataSource.driver.prepareHydratedValue(raw[c.databaseName], c);
      return row as Pick<E, K>;
    });
  };
}

function prepare<E extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<E>,
  select: readonly string[],
  where: string,
): { run: PreparedSelect<Record<string, unknown>>; columns: ColumnMetadata[] } {
  const metadata = dataSource.getMetadata(entity);
  const columns = select.map((property) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
    return column;
  });
  const { driver } = dataSource;
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const sql = `SELECT ${names} FROM ${driver.escape(metadata.tableName)} WHERE ${where}`;
  return { run: preparedSelect(dataSource, sql), columns };
}

/**
 * One multi-row INSERT of `rows` (every column of `entity`, each given a value, converted as
 * `manager.insert` would convert it) in
 * `manager`'s transaction, without reading anything back. Keep `rows` under the engine's placeholder
 * limit (about 50 rows of 15 columns).
 */
export async function insertEntities<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: readonly E[],
): Promise<void> {
  if (rows.length === 0) return;
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(entity);
  const { columns } = metadata;
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values = rows.flatMap((row) =>
    columns.map((c) => {
      const value: unknown = c.getEntityValue(row);
      // What TypeORM's insert would fill in itself (defaults, generated values, SQL functions) is
      // not written out here: every column is given, or this refuses.
      if (value === undefined || typeof value === 'function') {
        throw new Error(`insertEntities: ${metadata.name}.${c.propertyName} must be given a value`);
      }
      return driver.preparePersistentValue(value, c) as unknown;
    }),
  );
  await manager.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${rows.map(() => tuple).join(', ')}`,
    values,
  );
}
