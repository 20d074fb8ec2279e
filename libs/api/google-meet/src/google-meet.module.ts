import { Module } from '@nestjs/common';
import { AuthModule } from '@televisit/api-auth';
import { HttpClientModule } from '@televisit/api-http';
import { GoogleConnectionProvider } from './oauth/google-connection.provider';
import { GoogleOAuthClient } from './oauth/google-oauth.client';

/** The Google adapter: OAuth, Calendar events with Meet, push channels, incremental sync. */
@Module({
  imports: [AuthModule, HttpClientModule],
  providers: [GoogleOAuthClient, GoogleConnectionProvider],
  exports: [GoogleOAuthClient],
})
export class GoogleMeetModule {}
