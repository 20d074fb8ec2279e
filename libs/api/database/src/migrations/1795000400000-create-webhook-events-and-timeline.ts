import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/**
 * The webhook inbox (one row per vendor event id: a redelivery hits the unique key and is ignored; rows
 * with processed_at NULL are the queue, drained after the 200 and again after a restart) and each
 * appointment's timeline. Neither holds a payload: only what processing needs, never PHI (no names,
 * emails or topics).
 */
export class CreateWebhookEventsAndTimeline1795000400000 implements MigrationInterface {
  name = 'CreateWebhookEventsAndTimeline1795000400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const at = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });

    await queryRunner.createTable(
      new Table({
        name: 'webhook_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendor', type: 'varchar', length: '32' },
          // The vendor's event identity (Zoom: a hash of event, meeting instance, event_ts, participant).
          { name: 'event_id', type: 'varchar', length: '64' },
          { name: 'event_type', type: 'varchar', length: '64' },
          // What processing needs, and nothing else: the vendor meeting, the timeline kind, when it
          // happened, and non-PHI details as JSON (e.g. {"role":"guest"}).
          { name: 'vendor_meeting_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'kind', type: 'varchar', length: '32', isNullable: true },
          at('occurred_at', true),
          { name: 'details', type: 'text', isNullable: true },
          at('received_at'),
          at('processed_at', true),
          // The queue: due when next_attempt_at <= now; a worker claims a row by moving it forward.
          at('next_attempt_at', true),
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'last_error', type: 'varchar', length: '200', isNullable: true },
        ],
        uniques: [{ name: 'uq_webhook_events_event', columnNames: ['vendor', 'event_id'] }],
        indices: [
          new TableIndex({
            name: 'idx_webhook_events_queue',
            columnNames: ['processed_at', 'next_attempt_at'],
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'appointment_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'appointment_id', type: 'varchar', length: '36' },
          // meeting.started, meeting.ended, participant.joined, participant.left, meeting.deleted
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'vendor', type: 'varchar', length: '32' },
          at('occurred_at'),
          at('recorded_at'),
          // JSON without PHI: a participant's role (host/guest) and a count, never names or emails.
          { name: 'details', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'idx_appointment_events_timeline',
            columnNames: ['appointment_id', 'occurred_at'],
          }),
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
    await queryRunner.dropTable('appointment_events');
    await queryRunner.dropTable('webhook_events');
  }
}
