import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@televisit/api-audit';
import { AuthModule } from '@televisit/api-auth';
import { type AppConfig, CoreModule } from '@televisit/api-core';
import { DatabaseModule, DatabaseReadinessCheck } from '@televisit/api-database';
import { GoogleMeetModule } from '@televisit/api-google-meet';
import { HttpClientModule } from '@televisit/api-http';
import { MappingModule } from '@televisit/api-mapping';
import { VaultModule } from '@televisit/api-vault';
import { ZoomModule } from '@televisit/api-zoom';

/** The only place where vendor modules meet the ports they implement. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, [DatabaseReadinessCheck]),
        DatabaseModule.forRoot(config),
        VaultModule,
        AuditModule,
        HttpClientModule,
        AuthModule,
        MappingModule,
        ZoomModule,
        GoogleMeetModule,
      ],
    };
  }
}
