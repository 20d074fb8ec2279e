import { parseEncryptionKeys, ManualClock } from '@televisit/api-core';
import { Vault } from '@televisit/api-vault';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { pendingAppointment } from '../testing/appointment.fixture';
import { migratedDataSource, seedClinicAndProvider } from '../testing/mapping-database';
import type { VendorMeeting } from '../video-provider/video-provider.port';
import { GoogleMeetMappingEntity } from './google-meet-mapping.entity';
import { MeetingMappings } from './meeting-mappings';
import { ZoomMappingEntity } from './zoom-mapping.entity';

const NOW = new Date('2026-07-01T10:00:00.000Z');

const meet: VendorMeeting = {
  vendorMeetingId: 'tv0123456789abcdef0123456789abcdef',
  vendorMeetingUuid: null,
  hostAccountId: '109876543210987654321',
  hostedBy: 'provider',
  joinUrl: 'https://meet.google.com/abc-defg-hij',
  passcode: null,
  settings: { visibility: 'private' },
};

/** Each vendor's mapping table through one store: its own rows, its own sealed values. */
describeEachEngine('MeetingMappings', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let mappings: MeetingMappings;

  beforeAll(async () => {
    db = await engine.create();
    dataSource = await migratedDataSource(db.url, [
      AppointmentEntity,
      ZoomMappingEntity,
      GoogleMeetMappingEntity,
    ]);
    await seedClinicAndProvider(dataSource);
    const keys = parseEncryptionKeys(`k1:${randomBytes(32).toString('base64')}`);
    mappings = new MeetingMappings(
      dataSource,
      new Vault({ encryptionKeys: keys } as never),
      new ManualClock(NOW),
    );
    for (const id of ['a-meet', 'a-zoom', 'a-other']) {
      await dataSource.getRepository(AppointmentEntity).insert(pendingAppointment(id, NOW));
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it("keeps a Google Meet visit's event in appointment_google_meet_mappings, its Meet link sealed", async () => {
    const table = mappings.of('google_meet');
    const mapping = await table.ensure('a-meet');
    expect(mapping).toMatchObject({ status: 'pending', vendorMeetingId: null });
    expect(mapping.marker).toMatch(/^televisit:[0-9a-f]{32}$/);
    await table.confirm('a-meet', meet, 1, true);

    const [row] = await dataSource.query<Record<string, unknown>[]>(
      'SELECT google_event_id, host_account_id, hosted_by, status, observed_version, join_url, passcode FROM appointment_google_meet_mappings WHERE appointment_id = ?',
      ['a-meet'],
    );
    expect(row).toMatchObject({
      google_event_id: meet.vendorMeetingId,
      host_account_id: meet.hostAccountId,
      hosted_by: 'provider',
      status: 'ready',
      passcode: null,
    });
    expect(Number(row?.observed_version)).toBe(1);
    expect(String(row?.join_url)).not.toContain('meet.google.com');
    expect(table.meetingOf((await table.find('a-meet'))!)).toEqual(meet);
    // Nothing went to the Zoom table.
    expect(await mappings.of('zoom').find('a-meet')).toBeNull();
  });

  it('binds a sealed join URL to its own table: one copied into the other vendor’s table does not open', async () => {
    const zoom = mappings.of('zoom');
    await zoom.ensure('a-zoom');
    await zoom.confirm(
      'a-zoom',
      { ...meet, vendorMeetingId: '81234567890', joinUrl: 'https://zoom.test/j/1' },
      1,
      true,
    );
    const sealed = (await zoom.find('a-zoom'))!.sealedJoinUrl;
    expect(zoom.joinUrlOf('a-zoom', sealed)).toBe('https://zoom.test/j/1');
    expect(() => mappings.of('google_meet').joinUrlOf('a-zoom', sealed)).toThrow();
  });

  it('refuses a second mapping with the same Google event id', async () => {
    const table = mappings.of('google_meet');
    await table.ensure('a-other');
    await expect(table.confirm('a-other', meet, 1, true)).rejects.toThrow();
    expect((await table.find('a-other'))?.vendorMeetingId).toBeNull();
  });

  it('answers 422 video_provider_unavailable for a vendor without a mapping table', () => {
    expect(() => mappings.of('teams')).toThrow(
      expect.objectContaining({ code: 'video_provider_unavailable' }) as Error,
    );
  });
});
