import { Module } from '@nestjs/common';

/** The Zoom adapter: user and Server-to-Server OAuth, meetings, webhooks. */
@Module({})
export class ZoomModule {}
