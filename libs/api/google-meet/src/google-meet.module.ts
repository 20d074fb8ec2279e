import { Module } from '@nestjs/common';

/** The Google adapter: OAuth, Calendar events with Meet, push channels, sync. */
@Module({})
export class GoogleMeetModule {}
