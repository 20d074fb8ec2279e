import { AUDIT_ENTITIES, AuditEventEntity, AuditService } from '@televisit/api-audit';
import { ManualClock } from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
import { describeEachEngine } from '@televisit/testing';
import { AppointmentEntity } from '../appointments/appointment.entity';
import type { AppointmentsService } from '../appointments/appointments.service';
import { MeetingMappings } from '../reconcile/meeting-mappings';
import { ZoomMappingEntity } from '../reconcile/zoom-mapping.entity';
import { pendingAppointment } from '../testing/appointment.fixture';
import { useMappingDatabase } from '../testing/mapping-database';
import { AppointmentEventEntity } from './appointment-event.entity';
import { AppointmentTimeline } from './appointment-timeline';
import type { VendorMeeting } from '../video-provider/video-provider.port';
import type { TimelineDetails } from './timeline-kinds';

const CONFIRMED = new Date('2026-07-01T10:00:00.250Z');
/** Booked with milliseconds, as an EHR may send it. */
const BOOKED_START = new Date('2026-07-02T09:00:00.480Z');
const SECOND = 1000;

/** The Zoom meeting the vendor confirmed for a visit. */
const zoomMeeting = (meetingId: string): VendorMeeting => ({
  vendorMeetingId: meetingId,
  vendorMeetingUuid: 'uuid==',
  hostAccountId: 'zoom-user',
  joinUrl: `https://zoom.example/j/${meetingId}`,
  passcode: 'x1',
  settings: {},
});

/**
 * A meeting moved in the vendor's app is moved back to the booking; our own updates reported back, and
 * reports older than the last write, change nothing. Against a real database, with a manual clock.
 */
describeEachEngine('meeting.moved on the timeline', (engine) => {
  const testbed = useMappingDatabase(engine, [
    AppointmentEntity,
    ZoomMappingEntity,
    AppointmentEventEntity,
    ...AUDIT_ENTITIES,
  ]);
  let clock: ManualClock;
  let timeline: AppointmentTimeline;
  let n = 0;

  /** A Zoom visit whose meeting the vendor confirmed at version 2, `CONFIRMED`, and that left the queue. */
  async function inStep(over: Partial<AppointmentEntity> = {}): Promise<{ id: string; meetingId: string }> {
    n += 1;
    const id = `moved-${n}`;
    const meetingId = String(85_000_000_000 + n);
    clock = new ManualClock(CONFIRMED);
    const audit = new AuditService(testbed.dataSource, clock);
    timeline = new AppointmentTimeline(testbed.dataSource, clock, audit, {} as AppointmentsService);
    await testbed.dataSource.getRepository(AppointmentEntity).insert(
      pendingAppointment(id, CONFIRMED, {
        startTime: BOOKED_START,
        version: 2,
        meetingStatus: 'ready',
        vendorMeetingId: meetingId,
        dueAt: null,
        ...over,
      }),
    );
    const table = new MeetingMappings(testbed.dataSource, testbed.vault, clock).of('zoom');
    await table.ensure(id);
    await table.confirm(id, zoomMeeting(meetingId), 2, true);
    return { id, meetingId };
  }

  const report = (meetingId: string, occurredAt: Date, details: TimelineDetails) =>
    runInTransaction(testbed.dataSource, (manager) =>
      timeline.recordIn(manager, {
        vendor: 'zoom',
        vendorMeetingId: meetingId,
        kind: 'meeting.moved',
        occurredAt,
        details,
      }),
    );
  const appointment = (id: string) =>
    testbed.dataSource.getRepository(AppointmentEntity).findOneByOrFail({ id });
  const entries = (id: string) =>
    testbed.dataSource.getRepository(AppointmentEventEntity).findBy({ appointmentId: id });
  const audited = (id: string) =>
    testbed.dataSource
      .getRepository(AuditEventEntity)
      .findBy({ targetId: id, action: 'appointment.meeting_moved' });

  it('moves a meeting moved at the vendor back: a new version, due now, on the timeline, audited', async () => {
    const { id, meetingId } = await inStep({ attempts: 3 });
    clock.advance(5 * SECOND);
    const movedTo = '2026-07-02T11:00:00.000Z';

    expect(await report(meetingId, new Date(CONFIRMED.getTime() + 2 * SECOND), { startTime: movedTo })).toBe(
      'recorded',
    );

    expect(await appointment(id)).toMatchObject({
      version: 3,
      dueAt: clock.now(),
      attempts: 0,
      startTime: BOOKED_START,
      status: 'scheduled',
    });
    const [entry, ...more] = await entries(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ kind: 'meeting.moved', vendor: 'zoom' });
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ startTime: movedTo, movedBack: true });
    const [audit] = await audited(id);
    expect(audit).toMatchObject({ actorType: 'system', outcome: 'success', clinicId: 'c1' });
  });

  it('moves back a meeting made longer or shorter at the vendor', async () => {
    const { id, meetingId } = await inStep();
    expect(await report(meetingId, new Date(CONFIRMED.getTime() + SECOND), { durationMinutes: 45 })).toBe(
      'recorded',
    );
    expect((await appointment(id)).version).toBe(3);
  });

  it.each<[string, TimelineDetails]>([
    [
      'the booked times (our own update, reported back)',
      { startTime: BOOKED_START.toISOString(), durationMinutes: 30 },
    ],
    ['no times at all', {}],
    ['the booked start to the minute (vendors may keep less)', { startTime: '2026-07-02T09:00:00Z' }],
  ])('changes nothing for a report of %s', async (_name, details) => {
    const { id, meetingId } = await inStep();
    expect(await report(meetingId, new Date(CONFIRMED.getTime() + SECOND), details)).toBe('in_step');
    expect(await appointment(id)).toMatchObject({ version: 2, dueAt: null });
    expect(await entries(id)).toEqual([]);
    expect(await audited(id)).toEqual([]);
  });

  it('changes nothing for a report older than the last write (an earlier state arriving late)', async () => {
    const { id, meetingId } = await inStep();
    const moved = { startTime: '2026-07-02T11:00:00.000Z' };
    expect(await report(meetingId, new Date(CONFIRMED.getTime() - 1), moved)).toBe('in_step');
    expect(await report(meetingId, CONFIRMED, moved)).toBe('in_step');
    expect(await appointment(id)).toMatchObject({ version: 2, dueAt: null });
    expect(await entries(id)).toEqual([]);
  });

  it('still sees a move reported after a later write of the row that did not write the vendor', async () => {
    const { id, meetingId } = await inStep();
    // Re-claimed while in step (a process died before settling): confirmed again, nothing sent to Zoom.
    clock.advance(10 * SECOND);
    await new MeetingMappings(testbed.dataSource, testbed.vault, clock)
      .of('zoom')
      .confirm(id, zoomMeeting(meetingId), 2, false);
    // The host's move happened before that, and is reported only now.
    const moved = { startTime: '2026-07-02T11:00:00.000Z' };
    expect(await report(meetingId, new Date(CONFIRMED.getTime() + 5 * SECOND), moved)).toBe('recorded');
    expect((await appointment(id)).version).toBe(3);
  });

  it.each<[string, Partial<AppointmentEntity>]>([
    ['whose update is on its way (a newer version)', { version: 3 }],
    ['that is cancelled', { status: 'cancelled' }],
    ['whose meeting failed', { meetingStatus: 'failed', meetingLastError: 'meeting_deleted_at_vendor' }],
    ['that now has another meeting', { vendorMeetingId: '1' }],
  ])('changes nothing for an appointment %s', async (_name, over) => {
    const { id, meetingId } = await inStep();
    await testbed.dataSource.getRepository(AppointmentEntity).update({ id }, over);
    const before = await appointment(id);
    const result = await report(meetingId, new Date(CONFIRMED.getTime() + SECOND), {
      startTime: '2026-07-02T11:00:00.000Z',
    });
    expect(result).toBe('in_step');
    expect(await appointment(id)).toMatchObject({ version: before.version, dueAt: before.dueAt });
    expect(await entries(id)).toEqual([]);
  });

  it('leaves a meeting moved back three times in a day where the vendor has it, for a person', async () => {
    const { id, meetingId } = await inStep();
    let at = CONFIRMED.getTime();
    const moveAgain = async (to: string) => {
      // The reconciler moved it back (the version it left is confirmed), then the other tool moves it again.
      const version = (await appointment(id)).version;
      clock.advance(60_000);
      at = clock.now().getTime();
      await new MeetingMappings(testbed.dataSource, testbed.vault, clock)
        .of('zoom')
        .confirm(id, zoomMeeting(meetingId), version, true);
      await testbed.dataSource.getRepository(AppointmentEntity).update({ id }, { dueAt: null });
      clock.advance(60_000);
      return report(meetingId, new Date(at + 30_000), { startTime: to });
    };
    for (const hour of ['10', '11', '12']) {
      expect(await moveAgain(`2026-07-02T${hour}:00:00.000Z`)).toBe('recorded');
    }
    expect((await appointment(id)).version).toBe(5);

    expect(await moveAgain('2026-07-02T13:00:00.000Z')).toBe('recorded');
    expect(await appointment(id)).toMatchObject({
      version: 5,
      dueAt: null,
      meetingStatus: 'ready',
      meetingLastError: 'moved_at_vendor_repeatedly',
    });
    const moves = (await entries(id)).map((e) => JSON.parse(e.details ?? '{}') as TimelineDetails);
    expect(moves.map((d) => d.movedBack).sort()).toEqual([false, true, true, true]);
    const outcomes = (await audited(id)).map((a) => a.outcome).sort();
    expect(outcomes).toEqual(['failure', 'success', 'success', 'success']);
    // Moved yet again: on the timeline, but audited once and still left.
    expect(await moveAgain('2026-07-02T14:00:00.000Z')).toBe('recorded');
    expect((await appointment(id)).version).toBe(5);
    expect(await audited(id)).toHaveLength(4);
  });
});
