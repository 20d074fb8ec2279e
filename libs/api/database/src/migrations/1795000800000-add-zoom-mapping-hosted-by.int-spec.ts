import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine } from '@televisit/testing';
import type { DataSource } from 'typeorm';
import { migrate } from '../migrate';
import { AddZoomMappingHostedBy1795000800000 } from './1795000800000-add-zoom-mapping-hosted-by';
import { columnsOf, stepsBack, useEmptyDatabase, withDataSource as withDataSourceOn } from '../spec-support';

const NAME = new AddZoomMappingHostedBy1795000800000().name;
const STEPS_BACK = stepsBack(AddZoomMappingHostedBy1795000800000);

/**
 * Adding `hosted_by` to a database with meetings in it: existing mappings get null (not known), one the
 * reconciler had found deleted at Zoom becomes `failed`, the others keep their status; reverting takes
 * the column away again and keeps every mapping.
 */
describeEachEngine('migration AddZoomMappingHostedBy', (engine) => {
  const ctx = useEmptyDatabase(engine);

  const withDataSource = <T>(work: (ds: DataSource) => Promise<T>) => withDataSourceOn(ctx.db.url, work);
  const mappingColumns = () => columnsOf(ctx.db.url, 'appointment_zoom_mappings');

  async function insertAppointmentWithMapping(
    ds: DataSource,
    id: string,
    mapping: { status: string; lastError: string | null; host?: string },
  ): Promise<void> {
    await ds.query(
      `INSERT INTO appointments (id, clinic_id, provider_id, start_time, duration_minutes, timezone, status,
        video_provider, title, patient_display_name, version, meeting_status, meeting_last_error)
       VALUES (?, 'c-old', 'u-old', ?, 30, 'UTC', 'scheduled', 'zoom', 'Video visit', 'P', 1, ?, ?)`,
      [id, '2026-12-01 10:00:00.000', mapping.status, mapping.lastError],
    );
    await ds.query(
      `INSERT INTO appointment_zoom_mappings (appointment_id, zoom_meeting_id, host_user_id, marker, status, last_error)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        id,
        `9${id.length}${id.charCodeAt(0)}`,
        mapping.host ?? 'own-zoom-user',
        `televisit:${id}`,
        mapping.status,
        mapping.lastError,
      ],
    );
  }

  const mappings = () =>
    withDataSource((ds) =>
      ds.query<Array<{ appointment_id: string; status: string; last_error: string | null }>>(
        'SELECT appointment_id, status, last_error FROM appointment_zoom_mappings ORDER BY appointment_id',
      ),
    );

  it('keeps every mapping, knows who hosts what it can, fails the ones found deleted at Zoom, and reverts', async () => {
    const target = parseDatabaseUrl(ctx.db.url);
    await migrate(target, 'up');
    expect((await migrate(target, 'down', STEPS_BACK)).at(-1)).toBe(NAME);
    expect(await mappingColumns()).not.toContain('hosted_by');

    await withDataSource(async (ds) => {
      await ds.query("INSERT INTO clinics (id, name, timezone) VALUES ('c-old', 'Old Clinic', 'UTC')");
      await ds.query(
        "INSERT INTO users (id, clinic_id, email, name, role, password_hash) VALUES ('u-old', 'c-old', 'old@clinic.test', 'Dr Old', 'provider', 'x')",
      );
      await insertAppointmentWithMapping(ds, 'a-deleted', {
        status: 'ready',
        lastError: 'meeting_not_found',
      });
      await insertAppointmentWithMapping(ds, 'a-ready', { status: 'ready', lastError: null });
      await insertAppointmentWithMapping(ds, 'a-retrying', { status: 'ready', lastError: 'vendor_error' });
      await insertAppointmentWithMapping(ds, 'a-via-clinic', {
        status: 'ready',
        lastError: null,
        host: 'clinic-zoom-user',
      });
      // The provider is connected to Zoom as the user hosting the first three.
      await ds.query(
        "INSERT INTO connections (id, user_id, clinic_id, vendor, status, account_id) VALUES ('k-old', 'u-old', 'c-old', 'zoom', 'connected', 'own-zoom-user')",
      );
    });

    expect((await migrate(target, 'up'))[0]).toBe(NAME);
    expect(await mappingColumns()).toContain('hosted_by');
    expect(await mappings()).toEqual([
      { appointment_id: 'a-deleted', status: 'failed', last_error: 'meeting_not_found' },
      { appointment_id: 'a-ready', status: 'ready', last_error: null },
      { appointment_id: 'a-retrying', status: 'ready', last_error: 'vendor_error' },
      { appointment_id: 'a-via-clinic', status: 'ready', last_error: null },
    ]);
    await withDataSource(async (ds) => {
      const hosted = await ds.query<Array<{ appointment_id: string; hosted_by: string | null }>>(
        'SELECT appointment_id, hosted_by FROM appointment_zoom_mappings ORDER BY appointment_id',
      );
      // On the provider's own Zoom user: known; on another (the clinic's): not known yet.
      expect(hosted).toEqual([
        { appointment_id: 'a-deleted', hosted_by: 'provider' },
        { appointment_id: 'a-ready', hosted_by: 'provider' },
        { appointment_id: 'a-retrying', hosted_by: 'provider' },
        { appointment_id: 'a-via-clinic', hosted_by: null },
      ]);
      if (engine.name === 'sqlite') {
        expect(await ds.query('PRAGMA foreign_key_check')).toEqual([]);
      }
    });

    await migrate(target, 'down', STEPS_BACK);
    expect(await mappingColumns()).not.toContain('hosted_by');
    expect((await mappings()).map((m) => m.appointment_id)).toEqual([
      'a-deleted',
      'a-ready',
      'a-retrying',
      'a-via-clinic',
    ]);
    expect(await migrate(target, 'up')).toHaveLength(STEPS_BACK);
  });
});
