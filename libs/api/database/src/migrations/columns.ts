import { type QueryRunner, TableColumn, type TableColumnOptions } from 'typeorm';

export function isMysql(queryRunner: QueryRunner): boolean {
  return queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb';
}

/**
 * created_at / updated_at, written with TypeORM's schema API so one migration runs on SQLite, MySQL
 * and MariaDB. Times are UTC, millisecond precision. On MySQL TypeORM inserts `DEFAULT` for its
 * Create/UpdateDateColumn and relies on the column default; on SQLite it sends the value itself.
 */
export function timestampColumns(queryRunner: QueryRunner): TableColumnOptions[] {
  const now = isMysql(queryRunner) ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
  return [
    { name: 'created_at', type: 'datetime', precision: 3, default: now },
    {
      name: 'updated_at',
      type: 'datetime',
      precision: 3,
      default: now,
      ...(isMysql(queryRunner) ? { onUpdate: 'CURRENT_TIMESTAMP(3)' } : {}),
    },
  ];
}

/**
 * Adds `columns` to `table`. On SQLite they are added in place with ALTER TABLE (`sqlite` is each
 * column's definition there): TypeORM's addColumns rebuilds the table on SQLite (copy, DROP,
 * rename), and dropping a table that others reference fails whenever foreign keys are enforced (as
 * they are when TypeORM reverts a migration).
 */
export async function addColumnsInPlace(
  queryRunner: QueryRunner,
  table: string,
  columns: ReadonlyArray<{ mysql: TableColumnOptions; sqlite: string }>,
): Promise<void> {
  if (isMysql(queryRunner)) {
    await queryRunner.addColumns(
      table,
      columns.map((c) => new TableColumn(c.mysql)),
    );
    return;
  }
  for (const column of columns) {
    await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN ${column.sqlite}`);
  }
}

/** Drops `names` from `table`, in place on SQLite (see `addColumnsInPlace`). */
export async function dropColumnsInPlace(
  queryRunner: QueryRunner,
  table: string,
  names: readonly string[],
): Promise<void> {
  if (isMysql(queryRunner)) {
    await queryRunner.dropColumns(table, [...names]);
    return;
  }
  for (const name of names) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${name}"`);
}
