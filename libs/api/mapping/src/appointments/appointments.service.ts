import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import {
  APP_CONFIG,
  type AppConfig,
  assertInScope,
  Clock,
  clinicScope,
  DomainException,
  notFound,
  type Principal,
  principalId,
  type RequestMeta,
} from '@televisit/api-core';
import { type BookableProvider, BookableProviders } from '@televisit/api-auth';
import { isUniqueViolation, runInTransaction } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import type { IdempotencyClaim } from '../idempotency/idempotency.service';
import { joinTokenBinding, joinTokenHash, newJoinToken } from '../join-links/join-token';
import { JoinLinkEntity } from '../join-links/join-link.entity';
import { VideoProviders } from '../video-provider/video-providers';
import { AppointmentEntity } from './appointment.entity';
import { BookingWriter } from './booking-writer';
import { newAppointment } from './new-appointment';
import { decodeAppointmentCursor, encodeAppointmentCursor } from './appointment-cursor';
import { toAppointmentView } from './appointment-view';
import {
  type AppointmentView,
  type CreateAppointmentDto,
  type ListAppointmentsDto,
  type RescheduleAppointmentDto,
} from './dto/appointment.dto';

/**
 * Appointments hold the desired state. Every change bumps the version and, in the same transaction,
 * marks the appointment due, so the reconciler drives the vendor to it; nothing here calls a vendor.
 */
@Injectable()
export class AppointmentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly vault: Vault,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly videoProviders: VideoProviders,
    private readonly bookings: BookingWriter,
    private readonly providers: BookableProviders,
  ) {}

  async create(
    principal: Principal,
    body: CreateAppointmentDto,
    meta: RequestMeta,
    claim: IdempotencyClaim | null = null,
  ): Promise<AppointmentView> {
    this.videoProviders.get(body.videoProvider);
    const provider = await this.bookableProvider(principal, body.providerId);
    const id = randomUUID();
    const token = newJoinToken();
    const linkId = joinTokenHash(token);
    const now = this.clock.now();
    const { clinicId } = provider;
    const title = body.title ?? provider.meetingTopic;
    const appointment = newAppointment(
      {
        id,
        clinicId,
        externalId: body.externalId ?? null,
        providerId: provider.id,
        startTime: new Date(body.startTime),
        durationMinutes: body.durationMinutes,
        timezone: body.timezone,
        videoProvider: body.videoProvider,
        title,
        patientDisplayName: body.patient.displayName,
        patientEmail: body.patient.email ?? null,
        createdBy: principalId(principal),
      },
      now,
    );
    const link = Object.assign(new JoinLinkEntity(), {
      id: linkId,
      appointmentId: id,
      sealedToken: this.vault.seal(token, joinTokenBinding(linkId)),
      createdAt: now,
    } satisfies JoinLinkEntity);
    try {
      await this.bookings.write({
        appointment,
        link,
        claim,
        audit: {
          actor: principal,
          clinicId,
          action: 'appointment.created',
          target: { type: 'appointment', id },
          outcome: 'success',
          meta,
          details: {
            videoProvider: body.videoProvider,
            providerId: provider.id,
            external: Boolean(body.externalId),
          },
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainException(
          409,
          'external_id_taken',
          'An appointment with this externalId already exists.',
        );
      }
      throw error;
    }
    // What was just committed, without reading it back.
    return toAppointmentView(appointment, this.joinUrl(token));
  }

  async get(principal: Principal, id: string): Promise<AppointmentView> {
    const appointment = await this.visible(this.dataSource.manager, principal, id);
    return this.view(appointment);
  }

  async list(
    principal: Principal,
    query: ListAppointmentsDto,
  ): Promise<{ data: AppointmentView[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(AppointmentEntity).createQueryBuilder('a');
    const scope = clinicScope(principal);
    // Tenancy first; a clinicId filter only narrows within it (another clinic's id: an empty page).
    if (!scope.all) qb.andWhere('a.clinic_id = :scopeClinicId', { scopeClinicId: scope.clinicId });
    if (query.clinicId) qb.andWhere('a.clinic_id = :clinicId', { clinicId: query.clinicId });
    if (principal.kind === 'user' && principal.role === 'provider') {
      qb.andWhere('a.provider_id = :self', { self: principal.userId });
    }
    if (query.providerId) qb.andWhere('a.provider_id = :providerId', { providerId: query.providerId });
    if (query.externalId) qb.andWhere('a.external_id = :externalId', { externalId: query.externalId });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.from) qb.andWhere('a.start_time >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.start_time < :to', { to: new Date(query.to) });
    if (query.cursor) {
      const after = decodeAppointmentCursor(query.cursor);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('a.start_time > :afterTime', { afterTime: after.startTime })
            .orWhere('a.start_time = :afterTime AND a.id > :afterId', {
              afterTime: after.startTime,
              afterId: after.id,
            }),
        ),
      );
    }
    const rows = await qb
      .orderBy('a.start_time', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const data = await this.views(page);
    return { data, nextCursor: rows.length > query.limit && last ? encodeAppointmentCursor(last) : null };
  }

  async reschedule(
    principal: Principal,
    id: string,
    body: RescheduleAppointmentDto,
    meta: RequestMeta,
  ): Promise<AppointmentView> {
    await runInTransaction(this.dataSource, async (manager) => {
      const appointment = await this.visible(manager, principal, id);
      if (appointment.status !== 'scheduled') {
        throw new DomainException(
          409,
          'appointment_not_scheduled',
          `The appointment is ${appointment.status}.`,
        );
      }
      const changed = (['startTime', 'durationMinutes', 'timezone'] as const).filter(
        (f) => body[f] !== undefined,
      );
      await this.bump(manager, appointment, {
        ...(body.startTime ? { startTime: new Date(body.startTime) } : {}),
        ...(body.durationMinutes ? { durationMinutes: body.durationMinutes } : {}),
        ...(body.timezone ? { timezone: body.timezone } : {}),
        meetingStatus: appointment.vendorMeetingId ? appointment.meetingStatus : 'pending',
      });
      await this.audit.record(manager, {
        actor: principal,
        clinicId: appointment.clinicId,
        action: 'appointment.rescheduled',
        target: { type: 'appointment', id },
        outcome: 'success',
        meta,
        details: { fields: changed.join(',') },
      });
    });
    return this.get(principal, id);
  }

  async cancel(principal: Principal, id: string, meta: RequestMeta): Promise<AppointmentView> {
    await runInTransaction(this.dataSource, async (manager) => {
      const appointment = await this.visible(manager, principal, id);
      if (appointment.status === 'cancelled') return;
      if (appointment.status === 'completed') {
        throw new DomainException(
          409,
          'appointment_completed',
          'A completed appointment cannot be cancelled.',
        );
      }
      await this.bump(manager, appointment, { status: 'cancelled' });
      await this.audit.record(manager, {
        actor: principal,
        clinicId: appointment.clinicId,
        action: 'appointment.cancelled',
        target: { type: 'appointment', id },
        outcome: 'success',
        meta,
      });
    });
    return this.get(principal, id);
  }

  /** The appointment if the caller may see it: a provider only their own; another clinic's is a 404. */
  async visible(manager: EntityManager, principal: Principal, id: string): Promise<AppointmentEntity> {
    const appointment = await manager.getRepository(AppointmentEntity).findOneBy({ id });
    if (!appointment) throw notFound('Appointment');
    assertInScope(clinicScope(principal), appointment.clinicId, 'Appointment');
    if (
      principal.kind === 'user' &&
      principal.role === 'provider' &&
      appointment.providerId !== principal.userId
    ) {
      throw notFound('Appointment');
    }
    return appointment;
  }

  private async bump(
    manager: EntityManager,
    appointment: AppointmentEntity,
    change: Partial<AppointmentEntity>,
  ) {
    await manager
      .getRepository(AppointmentEntity)
      .update(
        { id: appointment.id },
        { ...change, version: () => 'version + 1', dueAt: this.clock.now(), attempts: 0 },
      );
  }

  /** An active provider the caller may book for, with their clinic's neutral title for the visit. */
  private async bookableProvider(principal: Principal, providerId: string): Promise<BookableProvider> {
    if (principal.kind === 'user' && principal.role === 'provider' && principal.userId !== providerId) {
      throw new DomainException(422, 'invalid_provider', 'A provider can book only their own appointments.', [
        { path: 'providerId', message: 'must be your own user id' },
      ]);
    }
    const provider = await this.providers.find(providerId);
    const scope = clinicScope(principal);
    if (!provider || (!scope.all && scope.clinicId !== provider.clinicId)) {
      throw new DomainException(
        422,
        'invalid_provider',
        'providerId is not an active provider of this clinic.',
        [{ path: 'providerId', message: 'must be an active provider of the clinic' }],
      );
    }
    return provider;
  }

  private async view(appointment: AppointmentEntity): Promise<AppointmentView> {
    const [view] = await this.views([appointment]);
    return view as AppointmentView;
  }

  /** The public views of a page of appointments: their join links in one query, not one per row. */
  private async views(appointments: AppointmentEntity[]): Promise<AppointmentView[]> {
    if (!appointments.length) return [];
    const links = await this.dataSource
      .getRepository(JoinLinkEntity)
      .findBy({ appointmentId: In(appointments.map((a) => a.id)) });
    const byAppointment = new Map(links.map((link) => [link.appointmentId, link]));
    return appointments.map((appointment) => {
      const link = byAppointment.get(appointment.id);
      if (!link) throw new Error(`appointment ${appointment.id} has no join link`);
      return toAppointmentView(
        appointment,
        this.joinUrl(this.vault.open(link.sealedToken, joinTokenBinding(link.id))),
      );
    });
  }

  private joinUrl(token: string): string {
    return `${this.config.publicUrl}/join/${token}`;
  }
}
