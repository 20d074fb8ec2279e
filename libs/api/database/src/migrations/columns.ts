import type { QueryRunner, TableColumnOptions } from 'typeorm';

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
