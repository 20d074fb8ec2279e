import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@televisit/api-audit';
import { AuthModule } from '@televisit/api-auth';
import { HttpClientModule } from '@televisit/api-http';
import { MappingModule } from '@televisit/api-mapping';
import { ZoomConnectionProvider } from './oauth/zoom-connection.provider';
import { ZoomTokenClient } from './oauth/zoom-token.client';
import { ClinicZoomAccountEntity } from './account/clinic-zoom-account.entity';
import { ZoomAccountController } from './account/zoom-account.controller';
import { ZoomAccountService } from './account/zoom-account.service';
import { ZoomMeetingHosts } from './meetings/zoom-meeting-hosts';
import { ZoomVideoProvider } from './meetings/zoom-video-provider';
import { ZoomApiClient } from './zoom-api.client';
import { ZoomWebhooksController } from './webhooks/zoom-webhooks.controller';

/** The Zoom adapter: user and Server-to-Server OAuth, meetings, webhooks. */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    HttpClientModule,
    MappingModule,
    TypeOrmModule.forFeature([ClinicZoomAccountEntity]),
  ],
  controllers: [ZoomWebhooksController, ZoomAccountController],
  providers: [
    ZoomTokenClient,
    ZoomApiClient,
    ZoomConnectionProvider,
    ZoomAccountService,
    ZoomMeetingHosts,
    ZoomVideoProvider,
  ],
  exports: [ZoomTokenClient, ZoomApiClient, ZoomAccountService],
})
export class ZoomModule {}
