import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { Clock, type Principal } from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import { AppointmentsService } from '../appointments/appointments.service';
import type { MappingColumns } from '../reconcile/mapping-columns';
import { MAPPING_ENTITIES } from '../reconcile/meeting-mappings';
import { AppointmentEventEntity } from './appointment-event.entity';
import type { TimelineEntry } from './dto/timeline.dto';
import {
  MEETING_DELETED_AT_VENDOR,
  parseDetails,
  type TimelineDetails,
  type VendorMeetingEvent,
} from './timeline-kinds';

export type RecordOutcome = 'recorded' | 'unknown_meeting';

/**
 * Each appointment's timeline of what happened in its vendor meeting, and the lifecycle those events
 * drive: `meeting.ended` completes a scheduled appointment; `meeting.deleted` while the appointment is
 * still scheduled (deleted in the vendor's app, not by us) fails the meeting without recreating it.
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
    await this.audit.record(manager, {
      actor: { kind: 'system' },
      clinicId: appointment.clinicId,
      action: 'appointment.meeting_deleted',
      target: { type: 'appointment', id: appointment.id },
      outcome: 'failure',
      details: { videoProvider: appointment.videoProvider, reason: MEETING_DELETED_AT_VENDOR },
    });
  }
}
