import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { isMysql } from './columns';

/**
 * What a clinic decides about its vendor meetings: the title of a visit booked without one (neutral,
 * never a patient's name) and whether participants must sign in to the vendor (off: patients rarely
 * have Zoom accounts). Existing clinics get the defaults, which are what they had before.
 *
 * On SQLite the columns are added and dropped in place with ALTER TABLE: TypeORM's addColumns and
 * dropColumns rebuild the table there (copy, DROP, rename), and dropping `clinics` while users,
 * keys and appointments reference it fails whenever foreign keys are enforced (as they are when
 * TypeORM reverts a migration).
 */
export class AddClinicMeetingSettings1795000600000 implements MigrationInterface {
  name = 'AddClinicMeetingSettings1795000600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isMysql(queryRunner)) {
      await queryRunner.addColumns('clinics', [
        new TableColumn({ name: 'meeting_topic', type: 'varchar', length: '200', default: "'Video visit'" }),
        new TableColumn({ name: 'meeting_authentication', type: 'boolean', default: 0 }),
      ]);
      return;
    }
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD COLUMN "meeting_topic" varchar(200) NOT NULL DEFAULT ('Video visit')`,
    );
    await queryRunner.query(
      `ALTER TABLE "clinics" ADD COLUMN "meeting_authentication" boolean NOT NULL DEFAULT (0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysql(queryRunner)) {
      await queryRunner.dropColumns('clinics', ['meeting_authentication', 'meeting_topic']);
      return;
    }
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "meeting_authentication"`);
    await queryRunner.query(`ALTER TABLE "clinics" DROP COLUMN "meeting_topic"`);
  }
}
