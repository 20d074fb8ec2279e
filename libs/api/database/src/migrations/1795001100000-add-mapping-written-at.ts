import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace } from './columns';

const TABLES = ['appointment_zoom_mappings', 'appointment_google_meet_mappings'];

/**
 * When televisit last wrote each meeting at the vendor (a create or an update it confirmed), to the
 * millisecond of its own clock. A vendor's report of a change no newer than that is our own write, or
 * an older state, seen late; `updated_at` cannot tell, since every write of the row moves it (a failed
 * attempt, a re-seal under a new key). Existing rows keep null: their `updated_at` stands in.
 */
export class AddMappingWrittenAt1795001100000 implements MigrationInterface {
  name = 'AddMappingWrittenAt1795001100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await addColumnsInPlace(queryRunner, table, [
        {
          mysql: { name: 'written_at', type: 'datetime', precision: 3, isNullable: true },
          sqlite: `"written_at" datetime(3)`,
        },
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await dropColumnsInPlace(queryRunner, table, ['written_at']);
  }
}
