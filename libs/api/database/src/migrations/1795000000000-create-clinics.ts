import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { timestampColumns } from './columns';

export class CreateClinics1795000000000 implements MigrationInterface {
  name = 'CreateClinics1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'clinics',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'timezone', type: 'varchar', length: '64' },
          ...timestampColumns(queryRunner),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('clinics');
  }
}
