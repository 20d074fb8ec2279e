import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The hourly janitor deletes settled vendor events by age: let it find them without a table scan. */
export class IndexWebhookEventsReceived1795000700000 implements MigrationInterface {
  name = 'IndexWebhookEventsReceived1795000700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'webhook_events',
      new TableIndex({ name: 'idx_webhook_events_received', columnNames: ['received_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('webhook_events', 'idx_webhook_events_received');
  }
}
