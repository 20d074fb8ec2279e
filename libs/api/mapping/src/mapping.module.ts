import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@televisit/api-audit';
import { AuthModule } from '@televisit/api-auth';
import { AppointmentEntity } from './appointments/appointment.entity';
import { AppointmentsController } from './appointments/appointments.controller';
import { AppointmentsService } from './appointments/appointments.service';
import { BookingWriter } from './appointments/booking-writer';
import { HostLinks } from './appointments/host-links';
import { MappingJanitor } from './housekeeping/mapping-janitor';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { IdempotencyService } from './idempotency/idempotency.service';
import { JoinLinkEntity } from './join-links/join-link.entity';
import { JoinLinkRoute } from './join-links/join-link.route';
import { JoinLinks } from './join-links/join-links.service';
import { JoinUseAudit } from './join-links/join-use-audit';
import { JoinLookup } from './join-links/join-lookup';
import { Reconciler } from './reconcile/reconciler';
import { RetryOnFix } from './reconcile/retry-on-fix';
import { GoogleMeetMappingEntity } from './reconcile/google-meet-mapping.entity';
import { ZoomMappingEntity } from './reconcile/zoom-mapping.entity';
import { MeetingMappings } from './reconcile/meeting-mappings';
import { AppointmentEventEntity } from './timeline/appointment-event.entity';
import { AppointmentTimeline } from './timeline/appointment-timeline';
import { TimelineController } from './timeline/timeline.controller';
import { WebhookEventEntity } from './timeline/webhook-event.entity';
import { WebhookInbox } from './timeline/webhook-inbox';
import { VideoProviders } from './video-provider/video-providers';

/**
 * Appointments, the per-vendor mapping tables, the reconciler and patient join links (whose route,
 * `JoinLinkRoute`, the application serves ahead of Express).
 */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    TypeOrmModule.forFeature([
      AppointmentEntity,
      ZoomMappingEntity,
      GoogleMeetMappingEntity,
      JoinLinkEntity,
      IdempotencyKeyEntity,
      AppointmentEventEntity,
      WebhookEventEntity,
    ]),
  ],
  controllers: [AppointmentsController, TimelineController],
  providers: [
    VideoProviders,
    AppointmentsService,
    BookingWriter,
    IdempotencyService,
    HostLinks,
    MeetingMappings,
    Reconciler,
    RetryOnFix,
    JoinLinks,
    JoinLookup,
    JoinUseAudit,
    JoinLinkRoute,
    MappingJanitor,
    AppointmentTimeline,
    WebhookInbox,
  ],
  exports: [VideoProviders, Reconciler, AppointmentTimeline, WebhookInbox, JoinLinkRoute],
})
export class MappingModule {}
