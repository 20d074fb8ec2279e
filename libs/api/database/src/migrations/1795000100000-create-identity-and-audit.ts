import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { timestampColumns } from './columns';

const GENESIS_HASH = '0'.repeat(64);

/** Users, sessions, API keys and login throttling (auth), and the hash-chained audit log. */
export class CreateIdentityAndAudit1795000100000 implements MigrationInterface {
  name = 'CreateIdentityAndAudit1795000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'clinic_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'zoom_user', type: 'varchar', length: '254', isNullable: true },
          at('disabled_at', true),
          ...timestampColumns(queryRunner),
        ],
        indices: [new TableIndex({ name: 'idx_users_clinic', columnNames: ['clinic_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['clinic_id'],
            referencedTableName: 'clinics',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          // sha256 of the cookie's token: a database read never yields a usable session.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          at('created_at'),
          at('last_seen_at'),
          at('expires_at'),
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_sessions_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'idx_sessions_expires', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'clinic_id', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '100' },
          // The first characters of the key, shown so that people can tell keys apart.
          { name: 'prefix', type: 'varchar', length: '16' },
          { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'scopes', type: 'varchar', length: '255' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          at('created_at'),
          at('last_used_at', true),
          at('revoked_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_api_keys_clinic', columnNames: ['clinic_id'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['clinic_id'],
            referencedTableName: 'clinics',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'login_throttles',
        columns: [
          // sha256 of "account:<email>" or "address:<ip>": no email address at rest here.
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'int' },
          at('blocked_until', true),
          at('updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          // Position in the chain, assigned under the audit_head row lock: 1, 2, 3… without gaps.
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'id', type: 'varchar', length: '36', isUnique: true },
          at('occurred_at'),
          { name: 'actor_type', type: 'varchar', length: '16' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          // No foreign keys: the trail outlives what it speaks of.
          { name: 'clinic_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '255', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'details', type: 'text', isNullable: true },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_clinic_seq', columnNames: ['clinic_id', 'seq'] }),
          new TableIndex({ name: 'idx_audit_occurred', columnNames: ['occurred_at'] }),
          new TableIndex({ name: 'idx_audit_action', columnNames: ['action'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_head',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'seq', type: 'bigint' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.query(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_head', 'audit_events', 'login_throttles', 'api_keys', 'sessions', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
