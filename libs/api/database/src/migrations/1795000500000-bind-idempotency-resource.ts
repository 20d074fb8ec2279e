import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * What an idempotent request created, bound to its key in the same transaction: a retry after the
 * process died between commit and answer gets that resource instead of creating a second one.
 */
export class BindIdempotencyResource1795000500000 implements MigrationInterface {
  name = 'BindIdempotencyResource1795000500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'idempotency_keys',
      new TableColumn({ name: 'resource_id', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('idempotency_keys', 'resource_id');
  }
}
