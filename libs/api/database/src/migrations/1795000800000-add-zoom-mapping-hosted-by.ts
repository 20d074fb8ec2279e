import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addColumnsInPlace, dropColumnsInPlace } from './columns';

/**
 * Whose Zoom account hosts each meeting: the provider's own connection (`provider`) or the clinic's
 * Server-to-Server account acting for them (`clinic`). A meeting on the provider's own account cannot
 * be reached once they disconnect it, and saying so is better than reporting it deleted. Existing
 * meetings hosted by the Zoom user the provider is connected as now are marked `provider`; the others
 * stay null (not known: their provider may already have disconnected), and the next call that reads
 * or moves them through the clinic's account records `clinic`.
 *
 * Also: a meeting the reconciler found deleted at Zoom (`meeting_not_found`) is now `failed` on its
 * mapping, as one reported by `meeting.deleted` already was; rows written before are brought in line.
 * Reverting leaves them failed, which is what they are.
 */
export class AddZoomMappingHostedBy1795000800000 implements MigrationInterface {
  name = 'AddZoomMappingHostedBy1795000800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addColumnsInPlace(queryRunner, 'appointment_zoom_mappings', [
      {
        mysql: { name: 'hosted_by', type: 'varchar', length: '16', isNullable: true },
        sqlite: `"hosted_by" varchar(16)`,
      },
    ]);
    await queryRunner.query(
      `UPDATE appointment_zoom_mappings SET hosted_by = 'provider'
       WHERE EXISTS (
         SELECT 1 FROM appointments a
         JOIN connections c ON c.user_id = a.provider_id AND c.vendor = 'zoom'
         WHERE a.id = appointment_zoom_mappings.appointment_id
           AND c.account_id = appointment_zoom_mappings.host_user_id
       )`,
    );
    await queryRunner.query(
      `UPDATE appointment_zoom_mappings SET status = 'failed' WHERE status = 'ready' AND last_error = 'meeting_not_found'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropColumnsInPlace(queryRunner, 'appointment_zoom_mappings', ['hosted_by']);
  }
}
