import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ClinicEntity } from './clinic.entity';

/**
 * What the reconciler reads about a clinic as it creates or updates a meeting. Auth owns clinics, so
 * the query that names them lives here, as the booking's does in `BookableProviders`.
 */
@Injectable()
export class ClinicMeetingSettings {
  constructor(private readonly dataSource: DataSource) {}

  /** The clinic's choice as it is now: whether participants must sign in to the vendor. */
  async requireAuthentication(clinicId: string): Promise<boolean> {
    const clinic = await this.dataSource
      .getRepository(ClinicEntity)
      .findOneOrFail({ select: { id: true, meetingAuthentication: true }, where: { id: clinicId } });
    return clinic.meetingAuthentication;
  }
}
