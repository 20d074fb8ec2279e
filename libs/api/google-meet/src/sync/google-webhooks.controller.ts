import { Controller, Headers, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainException, Public } from '@televisit/api-core';
import { GoogleCalendarSync } from './google-calendar-sync';

/**
 * Google Calendar push notifications. Public (Google has no session) and unsigned: a notification is
 * only a hint that the calendar changed, trusted as far as its channel id and that channel's token go,
 * and answered by reading the changes from Google ourselves. It carries no body and nothing is read
 * from one.
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class GoogleWebhooksController {
  private readonly logger = new Logger(GoogleWebhooksController.name);

  constructor(private readonly sync: GoogleCalendarSync) {}

  @Post('google')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    operationId: 'googleWebhook',
    summary:
      'Google Calendar push notifications (X-Goog-Channel-ID, X-Goog-Channel-Token, X-Goog-Resource-State): ' +
      "the channel's calendar is read for changes after the 200",
  })
  @ApiOkResponse({ description: 'Accepted' })
  async receive(
    @Headers('x-goog-channel-id') channelId: string | undefined,
    @Headers('x-goog-channel-token') token: string | undefined,
    @Headers('x-goog-resource-state') state: string | undefined,
  ): Promise<{ received: true }> {
    const outcome = await this.sync.notified(channelId ?? '', token ?? '', state ?? '');
    if (outcome === 'unknown') {
      this.logger.warn('refused a Google notification for an unknown channel or with a wrong token');
      // Google retries only after a 5xx: an unknown channel is told once and left to expire.
      throw new DomainException(404, 'unknown_channel', 'No such channel, or not its token.');
    }
    return { received: true };
  }
}
