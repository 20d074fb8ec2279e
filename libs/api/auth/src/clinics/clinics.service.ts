import { Injectable } from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { assertInScope, clinicScope, notFound, type Principal, type RequestMeta } from '@televisit/api-core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ClinicEntity } from './clinic.entity';
import type { CreateClinicDto } from './dto/clinic.dto';
import { runInTransaction } from '@televisit/api-database';

@Injectable()
export class ClinicsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
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
}
