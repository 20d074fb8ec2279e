import { createHmac, randomBytes } from 'node:crypto';
import type { FakeContext } from '../common/fake-context';

export interface WebhookDelivery {
  /** The receiver's HTTP status; 0 when it could not be reached or did not answer in time. */
  status: number;
  body: string;
}

export interface EndpointValidation {
  ok: boolean;
  status: number;
}

/** Zoom gives a receiver 3 seconds to answer. */
const TIMEOUT_MS = 3000;

/** Signs and POSTs events to `options.zoom.webhookUrl` as Zoom does. Sent once: no retries. */
export class ZoomWebhooks {
  constructor(private readonly ctx: FakeContext) {}

  /** `{event, event_ts, payload}`, signed with `x-zm-signature` over `v0:{timestamp}:{raw body}`. */
  async send(event: string, payload: Record<string, unknown>): Promise<WebhookDelivery> {
    const { webhookUrl, webhookSecretToken } = this.ctx.options.zoom;
    if (!webhookUrl || !webhookSecretToken) {
      throw new Error('Zoom webhooks need options.zoom.webhookUrl and options.zoom.webhookSecretToken');
    }
    const now = this.ctx.now();
    const raw = JSON.stringify({ event, event_ts: now, payload });
    const timestamp = String(Math.floor(now / 1000));
    const signature = `v0=${hmacHex(webhookSecretToken, `v0:${timestamp}:${raw}`)}`;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Zoom Marketplace/1.0a',
          'x-zm-request-timestamp': timestamp,
          'x-zm-signature': signature,
        },
        body: raw,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      return { status: response.status, body: await response.text() };
    } catch {
      return { status: 0, body: '' };
    }
  }

  /** `endpoint.url_validation`: the receiver must answer `{plainToken, encryptedToken}` within 3 s. */
  async validateEndpoint(): Promise<EndpointValidation> {
    const plainToken = randomBytes(16).toString('base64url');
    const delivery = await this.send('endpoint.url_validation', { plainToken });
    const secret = this.ctx.options.zoom.webhookSecretToken ?? '';
    let answer: unknown;
    try {
      answer = JSON.parse(delivery.body);
    } catch {
      answer = undefined;
    }
    const fields = (answer ?? {}) as { plainToken?: unknown; encryptedToken?: unknown };
    const ok =
      delivery.status === 200 &&
      fields.plainToken === plainToken &&
      fields.encryptedToken === hmacHex(secret, plainToken);
    return { ok, status: delivery.status };
  }
}

export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}
