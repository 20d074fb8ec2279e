import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ClinicScope } from '@televisit/api-core';
import type { Repository } from 'typeorm';
import { AuditEventEntity } from '../events/audit-event.entity';
import { toAuditEvent } from '../events/audit-event.view';
import { decodeCursor, encodeCursor } from './audit-cursor';
import type { AuditEventPage, ListAuditEventsQuery } from './list-audit-events.dto';

/** Reads the audit log, newest first, one keyset page at a time, within the caller's scope. */
@Injectable()
export class AuditEventsReader {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async list(scope: ClinicScope, query: ListAuditEventsQuery): Promise<AuditEventPage> {
    const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const qb = this.events
      .createQueryBuilder('e')
      .orderBy('e.seq', 'DESC')
      .limit(query.limit + 1);
    // Tenancy first; a clinicId filter only narrows within it (another clinic's id: an empty page).
    if (!scope.all) qb.andWhere('e.clinicId = :scopeClinicId', { scopeClinicId: scope.clinicId });
    if (query.clinicId !== undefined) qb.andWhere('e.clinicId = :clinicId', { clinicId: query.clinicId });
    if (query.from !== undefined) qb.andWhere('e.occurredAt >= :from', { from: new Date(query.from) });
    if (query.to !== undefined) qb.andWhere('e.occurredAt < :to', { to: new Date(query.to) });
    if (query.action !== undefined) qb.andWhere('e.action = :action', { action: query.action });
    if (query.actorId !== undefined) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (before !== undefined) qb.andWhere('e.seq < :before', { before });

    const rows = await qb.getMany();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(toAuditEvent),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
    };
  }
}
