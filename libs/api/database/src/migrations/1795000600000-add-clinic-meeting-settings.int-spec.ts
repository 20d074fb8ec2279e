import { parseDatabaseUrl } from '@televisit/api-core';
import { describeEachEngine } from '@televisit/testing';
import type { DataSource } from 'typeorm';
import { migrate } from '../migrate';
import { AddClinicMeetingSettings1795000600000 } from './1795000600000-add-clinic-meeting-settings';
import { columnsOf, stepsBack, useEmptyDatabase, withDataSource as withDataSourceOn } from '../spec-support';

const NAME = new AddClinicMeetingSettings1795000600000().name;
const STEPS_BACK = stepsBack(AddClinicMeetingSettings1795000600000);

/**
 * Adding the meeting settings to a database that already has clinics: every clinic keeps its row
 * (and the users that point at it) and gets the defaults; reverting, which TypeORM does with foreign
 * keys enforced, takes the columns away again and keeps the clinics.
 */
describeEachEngine('migration AddClinicMeetingSettings', (engine) => {
  const ctx = useEmptyDatabase(engine);

  const withDataSource = <T>(work: (ds: DataSource) => Promise<T>) => withDataSourceOn(ctx.db.url, work);
  const clinicColumns = async () => (await columnsOf(ctx.db.url, 'clinics')).sort();

  interface ClinicRow {
    name: string;
    meeting_topic: string;
    meeting_authentication: number | boolean;
  }
  const clinicRow = (id: string) =>
    withDataSource(
      async (ds) =>
        (
          await ds.query<ClinicRow[]>(
            'SELECT name, meeting_topic, meeting_authentication FROM clinics WHERE id = ?',
            [id],
          )
        )[0],
    );

  it('gives existing clinics the defaults, keeps the rows that reference them, and reverts', async () => {
    const target = parseDatabaseUrl(ctx.db.url);
    await migrate(target, 'up');
    expect((await migrate(target, 'down', STEPS_BACK)).at(-1)).toBe(NAME);
    expect(await clinicColumns()).not.toContain('meeting_topic');

    await withDataSource(async (ds) => {
      await ds.query(
        "INSERT INTO clinics (id, name, timezone) VALUES ('c-old', 'Old Clinic', 'Europe/Berlin')",
      );
      await ds.query(
        "INSERT INTO users (id, clinic_id, email, name, role, password_hash) VALUES ('u-old', 'c-old', 'old@clinic.test', 'Old Admin', 'clinic_admin', 'x')",
      );
    });

    expect((await migrate(target, 'up'))[0]).toBe(NAME);
    expect(await clinicColumns()).toEqual(
      expect.arrayContaining(['meeting_topic', 'meeting_authentication', 'name', 'timezone']),
    );
    const migrated = await clinicRow('c-old');
    expect(migrated?.name).toBe('Old Clinic');
    expect(migrated?.meeting_topic).toBe('Video visit');
    expect(Number(migrated?.meeting_authentication)).toBe(0);

    await withDataSource(async (ds) => {
      const users = await ds.query<Array<{ clinic_id: string }>>(
        "SELECT clinic_id FROM users WHERE id = 'u-old'",
      );
      expect(users).toEqual([{ clinic_id: 'c-old' }]);
      if (engine.name === 'sqlite') {
        // The altered table still satisfies, and is still the target of, the users' foreign key.
        expect(await ds.query('PRAGMA foreign_key_check')).toEqual([]);
        const keys = await ds.query<Array<{ table: string }>>("PRAGMA foreign_key_list('users')");
        expect(keys.map((k) => k.table)).toContain('clinics');
      }
      // A clinic inserted without the settings gets the defaults from the database.
      await ds.query("INSERT INTO clinics (id, name, timezone) VALUES ('c-new', 'New Clinic', 'UTC')");
    });
    expect(await clinicRow('c-new')).toMatchObject({ meeting_topic: 'Video visit' });
    expect(Number((await clinicRow('c-new'))?.meeting_authentication)).toBe(0);

    await migrate(target, 'down', STEPS_BACK);
    expect(await clinicColumns()).not.toContain('meeting_authentication');
    // The clinics themselves stay.
    expect(await withDataSource((ds) => ds.query('SELECT id FROM clinics ORDER BY id'))).toEqual([
      { id: 'c-new' },
      { id: 'c-old' },
    ]);
    expect(await migrate(target, 'up')).toHaveLength(STEPS_BACK);
  });
});
