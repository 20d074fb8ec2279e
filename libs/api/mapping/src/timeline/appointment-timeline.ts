import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { Clock, type Principal } from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { AppointmentsService } from '../appointments/appointments.service';
import type { MappingColumns } from '../reconcile/mapping-columns';
import { MAPPING_ENTITIES } from '../reconcile/meeting-mappings';
import { AppointmentEventEntity } from './appointment-event.entity';
import type { TimelineEntry } from './dto/timeline.dto';
import {
  MEETING_DELETED_AT_VENDOR,
  MOVED_AT_VENDOR_REPEATEDLY,
  parseDetails,
  type TimelineDetails,
  type VendorMeetingEvent,
} from './timeline-kinds';

/** A meeting moved back this many times in a day is left where the vendor has it, for a person. */
const MOVES_BACK_PER_DAY = 3;
const DAY_MS = 24 * 3600_000;

/** `in_step`: a report of a change that left the meeting as booked (our own update, seen again). */
export type RecordOutcome = 'recorded' | 'unknown_meeting' | 'in_step';

/**
 * Each appointment's timeline of what happened in its vendor meeting, and the lifecycle those events
 * drive: `meeting.ended` completes a scheduled appointment; `meeting.deleted` while the appointment is
 * still scheduled (deleted in the vendor's app, not by us) fails the meeting without recreating it;
 * `meeting.moved` (moved in the vendor's app) moves it back to the booking.
 * Vendor-neutral: adapters report events through the webhook inbox, which calls `recordIn`.
 */
@Injectable()
export class AppointmentTimeline {
  private readonly logger = new Logger(AppointmentTimeline.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly appointments: AppointmentsService,
  ) {}

  /** Records a vendor meeting event inside the caller's transaction (never nest `runInTransaction`). */
  async recordIn(manager: EntityManager, event: VendorMeetingEvent): Promise<RecordOutcome> {
    const appointment = await this.findAppointment(manager, event.vendor, event.vendorMeetingId);
    if (!appointment) {
      this.logger.debug(`no appointment for ${event.vendor} meeting event ${event.kind}`);
      return 'unknown_meeting';
    }
    const details: TimelineDetails = { ...event.details };
    if (event.kind === 'participant.joined' || event.kind === 'participant.left') {
      details.participants = await this.participantsAfter(manager, appointment.id, event.kind);
    }
    if (event.kind === 'meeting.deleted') {
      details.deletedBy = appointment.status === 'scheduled' ? 'vendor' : 'televisit';
    }
    if (event.kind === 'meeting.moved') {
      // Most reports of a changed meeting are our own writes coming back: only a real move is recorded.
      const move = await this.movedAtVendor(manager, appointment, event);
      if (move === 'in_step') return 'in_step';
      details.movedBack = move === 'moved_back';
    }
    await manager.getRepository(AppointmentEventEntity).insert({
      id: randomUUID(),
      appointmentId: appointment.id,
      kind: event.kind,
      vendor: event.vendor,
      occurredAt: event.occurredAt,
      recordedAt: this.clock.now(),
      details: Object.keys(details).length > 0 ? JSON.stringify(details) : null,
    });
    if (event.kind === 'meeting.ended') await this.completed(manager, appointment);
    if (event.kind === 'meeting.deleted') await this.deletedAtVendor(manager, appointment, event);
    return 'recorded';
  }

  /** The timeline, oldest first, for whoever may see the appointment (another clinic's id is a 404). */
  async list(principal: Principal, appointmentId: string): Promise<TimelineEntry[]> {
    await this.appointments.visible(this.dataSource.manager, principal, appointmentId);
    const rows = await this.dataSource.getRepository(AppointmentEventEntity).find({
      where: { appointmentId },
      order: { occurredAt: 'ASC', recordedAt: 'ASC', id: 'ASC' },
      take: 1000,
    });
    return rows.map((row) => ({
      kind: row.kind,
      occurredAt: row.occurredAt.toISOString(),
      details: parseDetails(row.details),
    }));
  }

  /** Through the vendor's mapping table; a reused meeting id prefers the scheduled, newest appointment. */
  private async findAppointment(
    manager: EntityManager,
    vendor: string,
    vendorMeetingId: string,
  ): Promise<AppointmentEntity | null> {
    const target = MAPPING_ENTITIES[vendor];
    if (!target) return null;
    const mappings = await manager
      .getRepository<MappingColumns>(target)
      .find({ where: { vendorMeetingId }, select: { appointmentId: true }, take: 20 });
    if (mappings.length === 0) return null;
    const candidates = await manager.getRepository(AppointmentEntity).find({
      where: { id: In(mappings.map((m) => m.appointmentId)) },
      order: { createdAt: 'DESC' },
    });
    return candidates.find((a) => a.status === 'scheduled') ?? candidates[0] ?? null;
  }

  /** Joins minus leaves so far, this event included; never below zero. */
  private async participantsAfter(
    manager: EntityManager,
    appointmentId: string,
    kind: 'participant.joined' | 'participant.left',
  ): Promise<number> {
    const repo = manager.getRepository(AppointmentEventEntity);
    const joined = await repo.countBy({ appointmentId, kind: 'participant.joined' });
    const left = await repo.countBy({ appointmentId, kind: 'participant.left' });
    return Math.max(0, joined - left + (kind === 'participant.joined' ? 1 : -1));
  }

  /**
   * The visit happened. Only a scheduled appointment completes; it leaves the due-queue without a
   * version bump, so the reconciler never touches the ended meeting.
   */
  private async completed(manager: EntityManager, appointment: AppointmentEntity): Promise<void> {
    if (appointment.status !== 'scheduled') return;
    await manager
      .getRepository(AppointmentEntity)
      .update({ id: appointment.id, status: 'scheduled' }, { status: 'completed', dueAt: null });
  }

  /**
   * Moved in the vendor's app (not by us) while the appointment is scheduled: the booking is the truth,
   * so the version goes up and the reconciler moves the same meeting back (the patient's link stays).
   * Not a move (`in_step`), and so nothing recorded: times that match the booking to the minute (our own
   * update reported back; vendors may keep less than seconds); a meeting not in step (an update is on
   * its way, and it sets the times anyway); a change no newer than the mapping's last write (an old
   * report arriving late). A meeting moved back `MOVES_BACK_PER_DAY` times in a day is `left` where it
   * is, with `moved_at_vendor_repeatedly` for a person (another calendar tool moving it would otherwise
   * play ping-pong with us, spending the host's vendor quota). Audited either way.
   */
  private async movedAtVendor(
    manager: EntityManager,
    appointment: AppointmentEntity,
    event: VendorMeetingEvent,
  ): Promise<'in_step' | 'moved_back' | 'left'> {
    if (appointment.status !== 'scheduled' || appointment.meetingStatus !== 'ready') return 'in_step';
    if (appointment.vendorMeetingId !== event.vendorMeetingId) return 'in_step';
    const { startTime, durationMinutes } = event.details ?? {};
    const startMoved =
      startTime !== undefined && wholeMinutes(new Date(startTime)) !== wholeMinutes(appointment.startTime);
    const lengthChanged = durationMinutes !== undefined && durationMinutes !== appointment.durationMinutes;
    if (!startMoved && !lengthChanged) return 'in_step';
    const target = MAPPING_ENTITIES[event.vendor];
    const mapping = target
      ? await manager.getRepository<MappingColumns>(target).findOneBy({ appointmentId: appointment.id })
      : null;
    if (mapping?.observedVersion !== appointment.version) return 'in_step';
    const written = mapping.writtenAt ?? mapping.updatedAt;
    if (event.occurredAt.getTime() <= written.getTime()) return 'in_step';
    const now = this.clock.now();
    const movesToday = await manager.getRepository(AppointmentEventEntity).countBy({
      appointmentId: appointment.id,
      kind: 'meeting.moved',
      recordedAt: MoreThan(new Date(now.getTime() - DAY_MS)),
    });
    const appointments = manager.getRepository(AppointmentEntity);
    if (movesToday >= MOVES_BACK_PER_DAY) {
      if (appointment.meetingLastError === MOVED_AT_VENDOR_REPEATEDLY) return 'left';
      await appointments.update(
        { id: appointment.id, version: appointment.version },
        { meetingLastError: MOVED_AT_VENDOR_REPEATEDLY },
      );
      await this.recordVendorChange(
        manager,
        appointment,
        'appointment.meeting_moved',
        MOVED_AT_VENDOR_REPEATEDLY,
        'failure',
      );
      return 'left';
    }
    const bumped = await appointments.update(
      { id: appointment.id, version: appointment.version, status: 'scheduled' },
      { version: () => 'version + 1', dueAt: now, attempts: 0 },
    );
    if (!bumped.affected) return 'in_step';
    await this.recordVendorChange(
      manager,
      appointment,
      'appointment.meeting_moved',
      'moved_at_vendor',
      'success',
    );
    return 'moved_back';
  }

  /**
   * Deleted in the vendor's app while the appointment is still scheduled: a clear failure a person must
   * look at, audited, and never a silent recreation (the patient's link would change), so the
   * appointment leaves the due-queue. Deleted because we cancelled it: the timeline entry is all.
   */
  private async deletedAtVendor(
    manager: EntityManager,
    appointment: AppointmentEntity,
    event: VendorMeetingEvent,
  ): Promise<void> {
    if (appointment.status !== 'scheduled') return;
    if (appointment.vendorMeetingId && appointment.vendorMeetingId !== event.vendorMeetingId) return;
    if (appointment.meetingLastError === MEETING_DELETED_AT_VENDOR) return;
    await manager.getRepository(AppointmentEntity).update(
      { id: appointment.id },
      {
        meetingStatus: 'failed',
        meetingLastError: MEETING_DELETED_AT_VENDOR,
        dueAt: null,
      },
    );
    const target = MAPPING_ENTITIES[event.vendor];
    if (target) {
      await manager
        .getRepository<MappingColumns>(target)
        .update(
          { appointmentId: appointment.id },
          { status: 'failed', lastError: MEETING_DELETED_AT_VENDOR },
        );
    }
    await this.recordVendorChange(
      manager,
      appointment,
      'appointment.meeting_deleted',
      MEETING_DELETED_AT_VENDOR,
      'failure',
    );
  }

  /** Audits what the vendor did to the appointment's meeting: a deletion fails it, a move is undone. */
  private async recordVendorChange(
    manager: EntityManager,
    appointment: AppointmentEntity,
    action: 'appointment.meeting_deleted' | 'appointment.meeting_moved',
    reason: string,
    outcome: 'success' | 'failure',
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: { kind: 'system' },
      clinicId: appointment.clinicId,
      action,
      target: { type: 'appointment', id: appointment.id },
      outcome,
      details: { videoProvider: appointment.videoProvider, reason },
    });
  }
}

function wholeMinutes(at: Date): number {
  return Math.floor(at.getTime() / 60_000);
}
