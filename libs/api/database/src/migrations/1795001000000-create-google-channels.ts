import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';
import { timestampColumns } from './columns';

/**
 * The Google calendars televisit keeps in step, one per provider with Google Meet visits: the push
 * channel watching it (its token kept only as a hash), where incremental sync left off, when it is next
 * due (now, after a notification; else after the polling interval) and who holds it while syncing.
 */
export class CreateGoogleChannels1795001000000 implements MigrationInterface {
  name = 'CreateGoogleChannels1795001000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = (name: string) => ({ name, type: 'datetime', precision: 3, isNullable: true });
    await queryRunner.createTable(
      new Table({
        name: 'google_channels',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'account_id', type: 'varchar', length: '255' },
          { name: 'channel_id', type: 'varchar', length: '64', isNullable: true, isUnique: true },
          { name: 'resource_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'token_hash', type: 'varchar', length: '64', isNullable: true },
          at('expires_at'),
          { name: 'sync_token', type: 'text', isNullable: true },
          at('synced_at'),
          at('sync_due_at'),
          { name: 'lease_owner', type: 'varchar', length: '64', isNullable: true },
          at('lease_until'),
          ...timestampColumns(queryRunner),
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('google_channels');
  }
}
