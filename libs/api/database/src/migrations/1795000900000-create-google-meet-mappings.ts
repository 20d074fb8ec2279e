import { type MigrationInterface, type QueryRunner, Table, TableForeignKey } from 'typeorm';
import { timestampColumns } from './columns';

/**
 * The Google Meet mapping: what Google Calendar last confirmed for an appointment (the event and the
 * Google account whose calendar holds it), with the Meet link sealed. The Meet code is the link itself,
 * so it has no column of its own in the clear. The event id is
 * chosen by televisit from the appointment id (an insert repeated after a lost answer is refused, not
 * duplicated), so it is unique, and Calendar's change notifications find the appointment by it.
 */
export class CreateGoogleMeetMappings1795000900000 implements MigrationInterface {
  name = 'CreateGoogleMeetMappings1795000900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'appointment_google_meet_mappings',
        columns: [
          { name: 'appointment_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'google_event_id', type: 'varchar', length: '64', isNullable: true, isUnique: true },
          { name: 'host_account_id', type: 'varchar', length: '255', isNullable: true },
          { name: 'hosted_by', type: 'varchar', length: '16', isNullable: true },
          // Opaque, never PHI: kept in the event's private extended properties.
          { name: 'marker', type: 'varchar', length: '64' },
          { name: 'join_url', type: 'text', isNullable: true },
          { name: 'passcode', type: 'text', isNullable: true },
          { name: 'settings', type: 'text', isNullable: true },
          { name: 'observed_version', type: 'int', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          { name: 'create_attempted_at', type: 'datetime', precision: 3, isNullable: true },
          ...timestampColumns(queryRunner),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['appointment_id'],
            referencedTableName: 'appointments',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('appointment_google_meet_mappings');
  }
}
