import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import {
  assertInScope,
  Clock,
  clinicScope,
  notFound,
  type Principal,
  type RequestMeta,
} from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClinicEntity } from './clinic.entity';
import type { CreateClinicDto, UpdateClinicDto } from './dto/clinic.dto';
import { runInTransaction } from '@televisit/api-database';

@Injectable()
export class ClinicsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(): Promise<ClinicEntity[]> {
    return this.dataSource.getRepository(ClinicEntity).find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async get(principal: Principal, id: string): Promise<ClinicEntity> {
    assertInScope(clinicScope(principal), id, 'Clinic');
    const clinic = await this.dataSource.getRepository(ClinicEntity).findOneBy({ id });
    if (!clinic) throw notFound('Clinic');
    return clinic;
  }

  create(
    principal: Principal | { kind: 'system' },
    body: CreateClinicDto,
    meta: RequestMeta | null,
  ): Promise<ClinicEntity> {
    return runInTransaction(this.dataSource, async (manager) => {
      const clinic = await manager.save(manager.create(ClinicEntity, { id: randomUUID(), ...body }));
      await this.audit.record(manager, {
        actor: principal,
        clinicId: clinic.id,
        action: 'clinic.created',
        target: { type: 'clinic', id: clinic.id },
        outcome: 'success',
        meta,
      });
      return clinic;
    });
  }

  /** Changes a clinic's name, zone or meeting settings; audited with the names of the fields, never values. */
  update(principal: Principal, id: string, body: UpdateClinicDto, meta: RequestMeta): Promise<ClinicEntity> {
    assertInScope(clinicScope(principal), id, 'Clinic');
    return runInTransaction(this.dataSource, async (manager) => {
      const clinic = await manager.findOneBy(ClinicEntity, { id });
      if (!clinic) throw notFound('Clinic');
      if (body.name !== undefined) clinic.name = body.name;
      if (body.timezone !== undefined) clinic.timezone = body.timezone;
      if (body.meetingTopic !== undefined) clinic.meetingTopic = body.meetingTopic;
      if (body.meetingAuthentication !== undefined) clinic.meetingAuthentication = body.meetingAuthentication;
      // Set here: left to TypeORM it is CURRENT_TIMESTAMP, whole seconds, and could read earlier than before.
      clinic.updatedAt = this.clock.now();
      const saved = await manager.save(clinic);
      await this.audit.record(manager, {
        actor: principal,
        clinicId: clinic.id,
        action: 'clinic.updated',
        target: { type: 'clinic', id: clinic.id },
        outcome: 'success',
        meta,
        // Which fields changed, never their values (a topic typed by mistake could hold a patient's name).
        details: { fields: Object.keys(body).sort().join(',') },
      });
      return saved;
    });
  }
}
