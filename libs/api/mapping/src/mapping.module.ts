import { Module } from '@nestjs/common';

/** Appointments, per-vendor mapping tables, the reconciler and patient join links. */
@Module({})
export class MappingModule {}
