import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicEntity } from './clinics/clinic.entity';

/** Clinics, users, sessions, API keys, guards and the vendor-neutral half of OAuth connect. */
@Module({
  imports: [TypeOrmModule.forFeature([ClinicEntity])],
  exports: [TypeOrmModule],
})
export class AuthModule {}
