import { Module } from '@nestjs/common';

/** The hash-chained, append-only audit log of every PHI-touching action. */
@Module({})
export class AuditModule {}
