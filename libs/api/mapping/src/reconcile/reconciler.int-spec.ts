import { AUDIT_ENTITIES, AuditEventEntity, AuditService } from '@televisit/api-audit';
import { ClinicEntity, ClinicMeetingSettings } from '@televisit/api-auth';
import { type AppConfig, ManualClock } from '@televisit/api-core';
import { describeEachEngine, waitFor } from '@televisit/testing';
import { Equal, In } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { pendingAppointment } from '../testing/appointment.fixture';
import type { MeetingSpec, VendorMeeting, VideoProvider } from '../video-provider/video-provider.port';
import { VideoProviders } from '../video-provider/video-providers';
import { RECONCILE_LANES, Reconciler } from './reconciler';
import { ZoomMappingEntity } from './zoom-mapping.entity';
import { MeetingMappings } from './meeting-mappings';
import { useMappingDatabase } from '../testing/mapping-database';

const NOW = new Date('2026-07-01T10:00:00.000Z');

/**
 * A vendor whose creates wait until the test lets them go: how many are under way at once is what the
 * lanes decide. `fail` makes one appointment's create throw, as a vendor outage would.
 */
class GatedVendor implements VideoProvider {
  readonly key = 'zoom';
  readonly created: string[] = [];
  inFlight = 0;
  mostInFlight = 0;
  fail = new Set<string>();
  private waiting: Array<() => void> = [];
  private open = false;

  release(): void {
    this.open = true;
    for (const go of this.waiting.splice(0)) go();
  }

  async create(_host: unknown, spec: MeetingSpec): Promise<VendorMeeting> {
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      if (!this.open) await new Promise<void>((go) => this.waiting.push(go));
      if (this.fail.has(spec.appointmentId)) throw new Error('vendor down');
      this.created.push(spec.appointmentId);
      return {
        vendorMeetingId: `m-${spec.appointmentId}`,
        vendorMeetingUuid: null,
        hostAccountId: 'zoom-user',
        joinUrl: `https://zoom.test/j/${spec.appointmentId}`,
        passcode: 'abc123',
        settings: { waiting_room: true },
      };
    } finally {
      this.inFlight -= 1;
    }
  }

  update(): Promise<VendorMeeting> {
    throw new Error('not expected');
  }
  delete(): Promise<void> {
    throw new Error('not expected');
  }
  read(): Promise<VendorMeeting | null> {
    throw new Error('not expected');
  }
  hostLink(): never {
    throw new Error('not expected');
  }
}

/** Lanes and processes on one database: each due appointment is worked on once, several at a time. */
describeEachEngine('Reconciler', (engine) => {
  const testbed = useMappingDatabase(engine, [
    AppointmentEntity,
    ZoomMappingEntity,
    ClinicEntity,
    ...AUDIT_ENTITIES,
  ]);
  const clock = new ManualClock(NOW);
  let vendor: GatedVendor;
  let batch = 0;

  beforeEach(() => {
    vendor = new GatedVendor();
    batch += 1;
  });

  /** A reconciler as one API process has it (its timer not started: the test drains). */
  function process(audit = new AuditService(testbed.dataSource, clock)): Reconciler {
    const providers = new VideoProviders();
    providers.register(vendor);
    return new Reconciler(
      { worker: false } as AppConfig,
      testbed.dataSource,
      clock,
      providers,
      new MeetingMappings(testbed.dataSource, testbed.vault, clock),
      audit,
      new ClinicMeetingSettings(testbed.dataSource),
    );
  }

  async function book(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `b${batch}-${i}`);
    await testbed.dataSource
      .getRepository(AppointmentEntity)
      .insert(ids.map((id) => pendingAppointment(id, NOW)));
    return ids;
  }

  const rows = (ids: string[]) =>
    testbed.dataSource
      .getRepository(AppointmentEntity)
      .find({ where: { id: In(ids) }, order: { id: 'ASC' } });

  it(`works on ${RECONCILE_LANES} appointments at once, and on each exactly once`, async () => {
    const ids = await book(RECONCILE_LANES + 2);
    const drained = process().drain();
    await waitFor(
      () => vendor.inFlight,
      (n) => n === RECONCILE_LANES,
      { what: `${RECONCILE_LANES} creates under way` },
    );
    // Give a fifth lane every chance to appear: there is none.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(vendor.inFlight).toBe(RECONCILE_LANES);
    vendor.release();
    expect(await drained).toBe(ids.length);
    expect(vendor.mostInFlight).toBe(RECONCILE_LANES);
    expect([...vendor.created].sort()).toEqual([...ids].sort());
    for (const a of await rows(ids)) {
      expect(a).toMatchObject({ meetingStatus: 'ready', vendorMeetingId: `m-${a.id}`, dueAt: null });
      expect(a.leaseOwner).toBeNull();
    }
  });

  it('two processes on one database never work on the same appointment', async () => {
    const ids = await book(12);
    vendor.release();
    const [one, two] = await Promise.all([process().drain(), process().drain()]);
    expect(one + two).toBe(ids.length);
    expect([...vendor.created].sort()).toEqual([...ids].sort());
    expect((await rows(ids)).every((a) => a.meetingStatus === 'ready')).toBe(true);
  });

  it('one appointment failing at the vendor is retried later; the other lanes finish theirs', async () => {
    const ids = await book(RECONCILE_LANES);
    const [broken, ...fine] = ids as [string, ...string[]];
    vendor.fail.add(broken);
    vendor.release();
    expect(await process().drain()).toBe(ids.length);
    expect([...vendor.created].sort()).toEqual([...fine].sort());
    const [failed, ...ready] = await rows(ids);
    expect(failed).toMatchObject({ meetingStatus: 'pending', meetingLastError: 'vendor_error', attempts: 1 });
    expect(failed?.dueAt?.getTime()).toBeGreaterThan(NOW.getTime());
    expect(failed?.leaseOwner).toBeNull();
    expect(ready.every((a) => a.meetingStatus === 'ready')).toBe(true);
  });

  it('marks a meeting ready together with its audit event: neither without the other', async () => {
    const [id] = (await book(1)) as [string];
    const readyEvents = () =>
      testbed.dataSource
        .getRepository(AuditEventEntity)
        .countBy({ targetId: Equal(id), action: Equal('appointment.meeting_ready') });
    vendor.release();
    const audit = new AuditService(testbed.dataSource, clock);
    const write = jest.spyOn(audit, 'record').mockRejectedValueOnce(new Error('audit trail unavailable'));
    expect(await process(audit).drain()).toBe(1);
    expect(write).toHaveBeenCalledTimes(1);
    // The ready state rolled back with the event; the attempt counts as failed and comes again.
    const [after] = await rows([id]);
    expect(after).toMatchObject({ meetingStatus: 'pending', meetingLastError: 'vendor_error', attempts: 1 });
    expect(await readyEvents()).toBe(0);

    const backoff = (after?.dueAt?.getTime() ?? NaN) - NOW.getTime();
    clock.advance(backoff);
    try {
      await process(audit).drain(); // the earlier test's failed appointment may be due again too
    } finally {
      clock.advance(-backoff);
    }
    expect(await rows([id])).toMatchObject([{ meetingStatus: 'ready', meetingLastError: null, dueAt: null }]);
    expect(await readyEvents()).toBe(1);
    // One meeting: the retry confirmed the one the first attempt created.
    expect(vendor.created.filter((created) => created === id)).toHaveLength(1);
  });
});
