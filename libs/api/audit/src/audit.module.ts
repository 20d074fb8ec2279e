import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AUDIT_ENTITIES } from './events/audit-entities';
import { AuditEventsController } from './listing/audit-events.controller';
import { AuditEventsReader } from './listing/audit-events.reader';
import { AuditService } from './recording/audit.service';

/**
 * The hash-chained, append-only audit log of every PHI-touching action (HIPAA 164.312(b)).
 * Modules that change something import this module and call AuditService.record with the
 * EntityManager of their own transaction.
 */
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  controllers: [AuditEventsController],
  providers: [AuditService, AuditEventsReader],
  exports: [AuditService],
})
export class AuditModule {}
