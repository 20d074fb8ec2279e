import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@televisit/api-auth';
import { HttpClientModule } from '@televisit/api-http';
import { MappingModule } from '@televisit/api-mapping';
import { GoogleCalendarEvents } from './meetings/google-calendar-events.client';
import { GoogleMeetHosts } from './meetings/google-meet-hosts';
import { GoogleMeetVideoProvider } from './meetings/google-meet-video-provider';
import { GoogleConnectionProvider } from './oauth/google-connection.provider';
import { GoogleOAuthClient } from './oauth/google-oauth.client';
import { GoogleCalendarSync } from './sync/google-calendar-sync';
import { GoogleChannelEntity } from './sync/google-channel.entity';
import { GoogleWebhooksController } from './sync/google-webhooks.controller';

/** The Google adapter: OAuth, Calendar events with Meet, push channels, incremental sync. */
@Module({
  imports: [AuthModule, HttpClientModule, MappingModule, TypeOrmModule.forFeature([GoogleChannelEntity])],
  controllers: [GoogleWebhooksController],
  providers: [
    GoogleCalendarSync,
    GoogleOAuthClient,
    GoogleConnectionProvider,
    GoogleCalendarEvents,
    GoogleMeetHosts,
    GoogleMeetVideoProvider,
  ],
  exports: [GoogleOAuthClient],
})
export class GoogleMeetModule {}
