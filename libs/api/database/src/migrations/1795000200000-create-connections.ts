import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { timestampColumns } from './columns';

/**
 * Vendor connections (a provider's own Zoom or Google account), the OAuth states of connect flows in
 * progress, and a clinic's Zoom Server-to-Server account. Every token and secret column holds a value
 * sealed by the vault (see sealed-columns.ts), never plaintext.
 */
export class CreateConnections1795000200000 implements MigrationInterface {
  name = 'CreateConnections1795000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });
    const sealed = (name: string) => ({ name, type: 'text', isNullable: true });

    await queryRunner.createTable(
      new Table({
        name: 'connections',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'clinic_id', type: 'varchar', length: '36' },
          { name: 'vendor', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          // The vendor's id for the account (Zoom user id, Google sub): webhooks name users by it.
          { name: 'account_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'account_email', type: 'varchar', length: '254', isNullable: true },
          { name: 'scopes', type: 'varchar', length: '1000', isNullable: true },
          sealed('access_token'),
          sealed('refresh_token'),
          at('access_expires_at', true),
          at('connected_at', true),
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          // Single-flight refresh across processes: whoever sets the lease refreshes.
          { name: 'lease_owner', type: 'varchar', length: '64', isNullable: true },
          at('lease_until', true),
          // Bumped by every token change, so a writer can tell that another got there first.
          { name: 'token_version', type: 'int', default: 0 },
          ...timestampColumns(queryRunner),
        ],
        uniques: [{ name: 'uq_connections_user_vendor', columnNames: ['user_id', 'vendor'] }],
        indices: [
          new TableIndex({ name: 'idx_connections_account', columnNames: ['vendor', 'account_id'] }),
          new TableIndex({ name: 'idx_connections_clinic', columnNames: ['clinic_id'] }),
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
        name: 'oauth_states',
        columns: [
          // sha256 of the state sent to the vendor: a database read cannot complete a flow.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'session_id', type: 'varchar', length: '64' },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'vendor', type: 'varchar', length: '32' },
          sealed('code_verifier'),
          at('created_at'),
          at('expires_at'),
        ],
        indices: [new TableIndex({ name: 'idx_oauth_states_expires', columnNames: ['expires_at'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['session_id'],
            referencedTableName: 'sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'clinic_zoom_accounts',
        columns: [
          { name: 'clinic_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '64' },
          { name: 'client_id', type: 'varchar', length: '128' },
          sealed('client_secret'),
          sealed('access_token'),
          at('access_expires_at', true),
          { name: 'lease_owner', type: 'varchar', length: '64', isNullable: true },
          at('lease_until', true),
          { name: 'token_version', type: 'int', default: 0 },
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          ...timestampColumns(queryRunner),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['clinic_id'],
            referencedTableName: 'clinics',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('clinic_zoom_accounts');
    await queryRunner.dropTable('oauth_states');
    await queryRunner.dropTable('connections');
  }
}
