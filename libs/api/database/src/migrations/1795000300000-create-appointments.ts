import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { timestampColumns } from './columns';

/**
 * Appointments (desired state, version, due-queue lease), the Zoom mapping (observed state; join URL
 * and passcode sealed), patient join links (hash for lookup, sealed copy to show again) and the
 * Idempotency-Key replay store.
 */
export class CreateAppointments1795000300000 implements MigrationInterface {
  name = 'CreateAppointments1795000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });
    const id = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '36', isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'appointments',
        columns: [
          { ...id('id'), isPrimary: true },
          id('clinic_id'),
          { name: 'external_id', type: 'varchar', length: '128', isNullable: true },
          id('provider_id'),
          at('start_time'),
          { name: 'duration_minutes', type: 'int' },
          { name: 'timezone', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'video_provider', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'patient_display_name', type: 'varchar', length: '200' },
          { name: 'patient_email', type: 'varchar', length: '254', isNullable: true },
          // Desired state changes bump the version; the mapping records the version it confirmed.
          { name: 'version', type: 'int' },
          { name: 'meeting_status', type: 'varchar', length: '16' },
          { name: 'meeting_last_error', type: 'varchar', length: '64', isNullable: true },
          { name: 'vendor_meeting_id', type: 'varchar', length: '64', isNullable: true },
          // The due-queue: a worker claims a due row by setting the lease with a conditional UPDATE.
          at('due_at', true),
          { name: 'lease_owner', type: 'varchar', length: '64', isNullable: true },
          at('lease_until', true),
          { name: 'attempts', type: 'int', default: 0 },
          id('created_by', true),
          ...timestampColumns(queryRunner),
        ],
        uniques: [{ name: 'uq_appointments_external', columnNames: ['clinic_id', 'external_id'] }],
        indices: [
          new TableIndex({ name: 'idx_appointments_due', columnNames: ['due_at'] }),
          new TableIndex({
            name: 'idx_appointments_clinic_start',
            columnNames: ['clinic_id', 'start_time', 'id'],
          }),
          new TableIndex({ name: 'idx_appointments_provider', columnNames: ['provider_id', 'start_time'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['clinic_id'],
            referencedTableName: 'clinics',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            columnNames: ['provider_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'appointment_zoom_mappings',
        columns: [
          { ...id('appointment_id'), isPrimary: true },
          { name: 'zoom_meeting_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'zoom_meeting_uuid', type: 'varchar', length: '64', isNullable: true },
          { name: 'host_user_id', type: 'varchar', length: '64', isNullable: true },
          // Opaque, never PHI: put in the meeting's agenda to adopt it after a lost create answer.
          { name: 'marker', type: 'varchar', length: '64' },
          { name: 'join_url', type: 'text', isNullable: true },
          { name: 'passcode', type: 'text', isNullable: true },
          { name: 'settings', type: 'text', isNullable: true },
          { name: 'observed_version', type: 'int', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'last_error', type: 'varchar', length: '64', isNullable: true },
          at('create_attempted_at', true),
          ...timestampColumns(queryRunner),
        ],
        indices: [new TableIndex({ name: 'idx_zoom_mappings_meeting', columnNames: ['zoom_meeting_id'] })],
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

    await queryRunner.createTable(
      new Table({
        name: 'join_links',
        columns: [
          // sha256 of the token in the link: looking a link up never needs the token at rest.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { ...id('appointment_id'), isUnique: true },
          { name: 'token', type: 'text' },
          at('created_at'),
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

    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          // sha256 of the caller and their key: keys are per principal.
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'response_status', type: 'int', isNullable: true },
          { name: 'response_body', type: 'text', isNullable: true },
          at('created_at'),
          at('expires_at'),
        ],
        indices: [new TableIndex({ name: 'idx_idempotency_expires', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropTable('join_links');
    await queryRunner.dropTable('appointment_zoom_mappings');
    await queryRunner.dropTable('appointments');
  }
}
