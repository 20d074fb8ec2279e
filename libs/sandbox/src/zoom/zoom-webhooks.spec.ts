import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, http, signIn, startZoom, type ZoomHarness } from './zoom-spec-helpers';

const SECRET = 'whsec-zoom-test';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A receiver written the way Zoom's docs tell an app to write one. */
async function startReceiver(answer: 'correct' | 'wrong' = 'correct') {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw });
      const body = JSON.parse(raw) as { event: string; payload: { plainToken?: string } };
      if (body.event === 'endpoint.url_validation') {
        const plainToken = body.payload.plainToken ?? '';
        const encryptedToken = createHmac('sha256', answer === 'correct' ? SECRET : 'other')
          .update(plainToken)
          .digest('hex');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ plainToken, encryptedToken }));
        return;
      }
      res.writeHead(verified({ headers: req.headers, raw }) ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/zoom`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until the receiver has `count` deliveries (the fake sends API-change events after answering). */
async function waitForReceived(receiver: { received: Received[] }, count: number): Promise<void> {
  for (let i = 0; i < 100 && receiver.received.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(receiver.received).toHaveLength(count);
}

function verified({ headers, raw }: Received): boolean {
  const timestamp = String(headers['x-zm-request-timestamp']);
  const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
  const given = Buffer.from(String(headers['x-zm-signature']));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

describe('Zoom fake webhooks', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let zoom: ZoomHarness;
  afterEach(async () => {
    await zoom.close();
    await receiver.close();
  });

  it('signs events so that a receiver can verify them', async () => {
    receiver = await startReceiver();
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    const status = await zoom.running.sandbox.zoom.sendEvent('meeting.started', {
      account_id: 'acct',
      object: { id: 123 },
    });
    expect(status).toBe(200);
    const [event] = receiver.received;
    expect(event && verified(event)).toBe(true);
    expect(event?.headers['x-zm-request-timestamp']).toBe(String(Math.floor(zoom.clock.now() / 1000)));
    expect(JSON.parse(event?.raw ?? '')).toEqual({
      event: 'meeting.started',
      event_ts: zoom.clock.now(),
      payload: { account_id: 'acct', object: { id: 123 } },
    });
  });

  it('checks the url_validation answer', async () => {
    receiver = await startReceiver('correct');
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    const answer = await http(`${zoom.control}/zoom/webhooks/validate`, { method: 'POST' });
    expect(answer.json).toEqual({ ok: true, status: 200 });
    await receiver.close();

    receiver = await startReceiver('wrong');
    await zoom.close();
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    expect(await zoom.running.sandbox.zoom.validateEndpoint()).toEqual({ ok: false, status: 200 });
  });

  it('deauthorizes: tokens die, then app_deauthorized is delivered', async () => {
    receiver = await startReceiver();
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    const tokens = await signIn(zoom.base, 'leaver@example.com');
    await signIn(zoom.base, 'leaver@example.com');
    const user = zoom.running.sandbox.zoom.findUser('leaver@example.com');
    const grants = `${zoom.control}/zoom/users/${user?.id}/grants`;
    expect((await http(grants)).json).toEqual({ userId: user?.id, liveGrants: 2 });

    const answer = await http(`${zoom.control}/zoom/users/${user?.id}/deauthorize`, { method: 'POST' });
    expect(answer.json).toEqual({ status: 200 });
    expect((await http(grants)).json).toEqual({ userId: user?.id, liveGrants: 0 });
    expect((await api(zoom.base, tokens.access_token, 'GET', '/users/me')).status).toBe(401);
    const event = JSON.parse(receiver.received.at(-1)?.raw ?? '') as { event: string; payload: unknown };
    expect(event).toMatchObject({
      event: 'app_deauthorized',
      payload: {
        account_id: user?.accountId,
        user_id: user?.id,
        client_id: 'tv-zoom-client',
        deauthorization_time: '2025-03-10T15:00:00.000Z',
      },
    });
  });

  it('moves a meeting as the host would in the Zoom app, then sends meeting.updated with what changed', async () => {
    receiver = await startReceiver();
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    const tokens = await signIn(zoom.base, 'mover@example.com');
    const created = await api(zoom.base, tokens.access_token, 'POST', '/users/me/meetings', {
      type: 2,
      start_time: '2025-03-11T09:00:00Z',
      duration: 30,
      timezone: 'UTC',
    });
    const { id, uuid } = created.json as { id: number; uuid: string };

    const moved = await http(`${zoom.control}/zoom/meetings/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start_time: '2025-03-11T11:00:00Z' }),
    });
    expect(moved.json).toEqual({ status: 200 });
    const event = JSON.parse(receiver.received.at(-1)?.raw ?? '') as { event: string; payload: unknown };
    expect(event).toMatchObject({
      event: 'meeting.updated',
      payload: {
        operation: 'single',
        object: { id, uuid, start_time: '2025-03-11T11:00:00Z' },
        old_object: { id, uuid, start_time: '2025-03-11T09:00:00Z' },
      },
    });
    expect((event.payload as { object: object }).object).not.toHaveProperty('duration');
    const read = await api(zoom.base, tokens.access_token, 'GET', `/meetings/${id}`);
    expect(read.json).toMatchObject({ start_time: '2025-03-11T11:00:00Z', duration: 30 });

    // Told to, it reports changes made through the API too, as Zoom does.
    zoom.running.sandbox.zoom.reportApiUpdates(true);
    expect(
      (await api(zoom.base, tokens.access_token, 'PATCH', `/meetings/${id}`, { duration: 45 })).status,
    ).toBe(204);
    await waitForReceived(receiver, 2);
    expect(JSON.parse(receiver.received.at(-1)?.raw ?? '')).toMatchObject({
      event: 'meeting.updated',
      payload: { object: { id, duration: 45 }, old_object: { id, duration: 30 } },
    });

    const nowhere = await http(`${zoom.control}/zoom/meetings/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duration: 45 }),
    });
    expect(nowhere.status).toBe(404);
  });

  it('sends any event through the control route and refuses when webhooks are not configured', async () => {
    receiver = await startReceiver();
    zoom = await startZoom({ webhookUrl: receiver.url, webhookSecretToken: SECRET });
    const sent = await http(`${zoom.control}/zoom/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'meeting.ended', payload: { object: { id: 1 } } }),
    });
    expect(sent.json).toEqual({ status: 200 });
    await zoom.close();
    zoom = await startZoom();
    await expect(zoom.running.sandbox.zoom.sendEvent('meeting.ended', {})).rejects.toThrow(/webhookUrl/);
  });
});
