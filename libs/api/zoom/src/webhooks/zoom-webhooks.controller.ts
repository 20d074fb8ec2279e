import { Body, Controller, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConnectionsService } from '@televisit/api-auth';
import { APP_CONFIG, type AppConfig, Clock, DomainException, Public } from '@televisit/api-core';
import { WebhookInbox } from '@televisit/api-mapping';
import type { Request } from 'express';
import { type ZoomMeetingNotification, zoomMeetingEvent } from './zoom-meeting-events';
import { checkZoomSignature, urlValidationAnswer } from './zoom-signature';

interface ZoomEvent {
  event?: unknown;
  event_ts?: unknown;
  payload?: {
    plainToken?: unknown;
    user_id?: unknown;
    account_id?: unknown;
    client_id?: unknown;
    object?: unknown;
  };
}

/**
 * Zoom event notifications. Public (Zoom has no session); the signature over the raw body is the
 * authentication: checked in constant time within a 5-minute window before anything is read.
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class ZoomWebhooksController {
  private readonly logger = new Logger(ZoomWebhooksController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly connections: ConnectionsService,
    private readonly inbox: WebhookInbox,
  ) {}

  @Post('zoom')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    operationId: 'zoomWebhook',
    summary:
      'Zoom events (signed with x-zm-signature): endpoint.url_validation, app_deauthorized, and meeting ' +
      'started/ended/participant_joined/participant_left/deleted (stored once by event, processed after the 200)',
  })
  @ApiOkResponse({ description: 'Accepted; for endpoint.url_validation, {plainToken, encryptedToken}' })
  async receive(@Req() req: Request, @Body() body: ZoomEvent): Promise<unknown> {
    const secretToken = this.config.zoom.webhookSecretToken;
    if (!secretToken) {
      throw new DomainException(404, 'webhooks_not_configured', 'Zoom webhooks are not configured here.');
    }
    const check = checkZoomSignature({
      secretToken,
      timestamp: header(req, 'x-zm-request-timestamp'),
      signature: header(req, 'x-zm-signature'),
      rawBody: req.rawBody,
      nowMs: this.clock.now().getTime(),
    });
    if (check !== 'valid') {
      this.logger.warn(`refused a Zoom webhook: signature ${check}`);
      throw new DomainException(401, 'invalid_signature', 'The Zoom signature is missing, stale or wrong.');
    }
    const payload = body.payload ?? {};
    switch (body.event) {
      case 'endpoint.url_validation':
        if (typeof payload.plainToken !== 'string' || payload.plainToken.length > 256) {
          throw new DomainException(400, 'invalid_event', 'endpoint.url_validation without a plainToken.');
        }
        return urlValidationAnswer(secretToken, payload.plainToken);
      case 'app_deauthorized':
        if (typeof payload.user_id !== 'string') {
          throw new DomainException(400, 'invalid_event', 'app_deauthorized without a user_id.');
        }
        // Zoom retries only after a 5xx: purge before answering, so a failure here is retried.
        await this.connections.deauthorizeAccount('zoom', payload.user_id);
        return { received: true };
      default:
        return this.meetingEvent(body);
    }
  }

  /**
   * Stored once (a redelivery hits the unique key and is answered 200 without processing again), then
   * answered at once; the inbox processes it in the background. Nothing of the payload but the meeting
   * id, kind, time and participant role is kept. Events not on the timeline are acknowledged and dropped.
   */
  private async meetingEvent(body: ZoomEvent): Promise<{ received: true }> {
    const result = zoomMeetingEvent(body as ZoomMeetingNotification, this.clock.now());
    if (result.kind === 'invalid') throw new DomainException(400, 'invalid_event', result.detail);
    if (result.kind === 'event') {
      const stored = await this.inbox.accept(result.event);
      if (stored === 'duplicate') this.logger.debug(`ignored a redelivered Zoom ${result.event.eventType}`);
    }
    return { received: true };
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
