import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { DomainException, type Principal, type RequestMeta } from '@televisit/api-core';
import { DataSource } from 'typeorm';
import { MeetingMappings } from '../reconcile/meeting-mappings';
import { type HostLink, VideoProviderError } from '../video-provider/video-provider.port';
import { VideoProviders } from '../video-provider/video-providers';
import { AppointmentsService } from './appointments.service';

/** Host links are minted from the vendor at request time (a stored Zoom start_url expires in ~2 h). */
@Injectable()
export class HostLinks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly appointments: AppointmentsService,
    private readonly providers: VideoProviders,
    private readonly mappings: MeetingMappings,
    private readonly audit: AuditService,
  ) {}

  async mint(principal: Principal, id: string, meta: RequestMeta): Promise<HostLink> {
    const a = await this.appointments.visible(this.dataSource.manager, principal, id);
    if (a.status !== 'scheduled') {
      throw new DomainException(409, 'appointment_not_scheduled', `The appointment is ${a.status}.`);
    }
    const mappings = this.mappings.of(a.videoProvider);
    const mapping = await mappings.find(a.id);
    const meeting = mapping ? mappings.meetingOf(mapping) : null;
    if (!meeting)
      throw new DomainException(409, 'meeting_not_ready', 'The meeting is not ready yet; retry shortly.');
    let link: HostLink;
    try {
      link = await this.providers
        .get(a.videoProvider)
        .hostLink({ providerId: a.providerId, clinicId: a.clinicId }, meeting);
    } catch (error) {
      if (error instanceof VideoProviderError) {
        throw new DomainException(error.code === 'rate_limited' ? 429 : 409, error.code, error.message);
      }
      throw new DomainException(502, 'vendor_unavailable', 'The video vendor did not answer; retry shortly.');
    }
    await this.audit.recordNow({
      actor: principal,
      clinicId: a.clinicId,
      action: 'appointment.host_link',
      target: { type: 'appointment', id: a.id },
      outcome: 'success',
      meta,
      details: { videoProvider: a.videoProvider },
    });
    return link;
  }
}
