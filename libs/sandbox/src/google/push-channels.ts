import type { calendar_v3 } from 'googleapis';
import { randomBytes } from 'node:crypto';
import type { FakeContext } from '../common/fake-context';
import { apiErrors, GoogleApiError } from './google-errors';

export type ChannelResource = calendar_v3.Schema$Channel;

interface Channel {
  id: string;
  resourceId: string;
  resourceUri: string;
  token?: string;
  expiration: number;
  address: string;
  calendarId: string;
  clientId: string;
  sub: string;
  messageNumber: number;
  delivered: number;
  failed: number;
  /** Deliveries to one channel go one after another so message numbers arrive in order. */
  queue: Promise<void>;
}

/** What a test may see of a channel: never its token. */
export interface ChannelSummary {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  expiration: string;
  delivered: number;
  failed: number;
}

const DEFAULT_LIFETIME_MS = 7 * 24 * 3600_000;
const DELIVERY_TIMEOUT_MS = 10_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Push notification channels on event collections (`events.watch`, `channels.stop`) and their delivery. */
export class PushChannels {
  private readonly channels = new Map<string, Channel>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly ctx: FakeContext) {}

  /** Opens a channel and sends its `sync` message. `calendarId` is the owner's email; `asGiven` what the URL said. */
  watch(
    body: ChannelResource,
    calendarId: string,
    asGiven: string,
    owner: { sub: string; clientId: string },
  ): ChannelResource {
    const { id, address, type } = body;
    if (!id) throw apiErrors.required('Required channel id.');
    if (!/^[A-Za-z0-9\-_+/=]{1,64}$/.test(id)) throw apiErrors.invalid(`Invalid channel id: ${id}`);
    if (type !== 'web_hook' && type !== 'webhook')
      throw apiErrors.invalid(`Unknown channel type: ${type ?? ''}`);
    if (!address) throw apiErrors.required('Required channel address.');
    if (!isAcceptableAddress(address)) {
      throw new GoogleApiError(
        400,
        'push.webhookUrlNotHttps',
        `WebHook callback must be HTTPS: ${address}`,
        'push',
      );
    }
    if (body.token && body.token.length > 256) throw apiErrors.invalid('Channel token too long.');
    const existing = this.channels.get(id);
    if (existing && this.live(existing)) {
      throw new GoogleApiError(400, 'channelIdNotUnique', 'Channel id not unique', 'push');
    }
    const now = this.ctx.now();
    const asked = body.expiration ? Number(body.expiration) : NaN;
    const expiration = Number.isFinite(asked) && asked > now ? asked : now + DEFAULT_LIFETIME_MS;
    const channel: Channel = {
      id,
      resourceId: randomBytes(20).toString('base64url').slice(0, 27),
      resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(asGiven)}/events?alt=json`,
      token: body.token ?? undefined,
      expiration,
      address,
      calendarId,
      clientId: owner.clientId,
      sub: owner.sub,
      messageNumber: 0,
      delivered: 0,
      failed: 0,
      queue: Promise.resolve(),
    };
    this.channels.set(id, channel);
    this.enqueue(channel, 'sync');
    return {
      kind: 'api#channel',
      id,
      resourceId: channel.resourceId,
      resourceUri: channel.resourceUri,
      ...(channel.token !== undefined ? { token: channel.token } : {}),
      expiration: String(expiration),
    };
  }

  /** `channels.stop`: both ids must match and the channel must belong to the caller's OAuth client. */
  stop(id: string, resourceId: string, clientId: string): void {
    const channel = this.channels.get(id);
    if (!channel || channel.resourceId !== resourceId || channel.clientId !== clientId) {
      throw new GoogleApiError(404, 'notFound', `Channel '${id}' not found for project '${clientId}'`);
    }
    this.channels.delete(id);
  }

  /** A test control: stops a channel as if its owner had. */
  stopById(id: string): boolean {
    return this.channels.delete(id);
  }

  /** After every change to a calendar: `exists` to each live channel on it. */
  notify(calendarId: string): void {
    for (const channel of this.channels.values()) {
      if (channel.calendarId === calendarId) this.enqueue(channel, 'exists');
    }
  }

  list(): ChannelSummary[] {
    return [...this.channels.values()]
      .filter((channel) => this.live(channel))
      .map((channel) => ({
        id: channel.id,
        resourceId: channel.resourceId,
        calendarId: channel.calendarId,
        address: channel.address,
        expiration: new Date(channel.expiration).toISOString(),
        delivered: channel.delivered,
        failed: channel.failed,
      }));
  }

  /** Resolves once every notification sent so far has been delivered or has failed. */
  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private live(channel: Channel): boolean {
    return channel.expiration > this.ctx.now();
  }

  private enqueue(channel: Channel, state: 'sync' | 'exists'): void {
    if (!this.live(channel)) {
      this.channels.delete(channel.id);
      return;
    }
    const messageNumber = ++channel.messageNumber;
    const delivery = channel.queue.then(() => this.deliver(channel, state, messageNumber));
    channel.queue = delivery;
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(channel: Channel, state: 'sync' | 'exists', messageNumber: number): Promise<void> {
    // A channel stopped while messages were queued gets nothing more.
    if (this.channels.get(channel.id) !== channel) return;
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': channel.id,
      'X-Goog-Channel-Expiration': new Date(channel.expiration).toUTCString(),
      'X-Goog-Resource-ID': channel.resourceId,
      'X-Goog-Resource-URI': channel.resourceUri,
      'X-Goog-Resource-State': state,
      'X-Goog-Message-Number': String(messageNumber),
      'User-Agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    };
    if (channel.token !== undefined) headers['X-Goog-Channel-Token'] = channel.token;
    try {
      const response = await fetch(channel.address, {
        method: 'POST',
        headers,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) channel.delivered++;
      else channel.failed++;
    } catch {
      // Google does not guarantee delivery; a receiver that is down simply misses the message.
      channel.failed++;
    }
  }
}

/** HTTPS like Google, plus plain HTTP to loopback so a local televisit can receive in the sandbox. */
function isAcceptableAddress(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}
