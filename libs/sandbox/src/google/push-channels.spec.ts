import { calendar, type GoogleSandbox, signIn, startGoogleSandbox, startReceiver } from './google-spec-kit';

const EVENTS = '/calendars/primary/events';
const visit = {
  summary: 'Video visit',
  start: { dateTime: '2026-03-10T09:00:00Z' },
  end: { dateTime: '2026-03-10T09:30:00Z' },
};

describe('fake Google push channels', () => {
  let sandbox: GoogleSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let token: string;

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
    receiver = await startReceiver();
    token = (await signIn(sandbox, { consent: { email: 'push@example.com' } })).access_token;
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('sends sync on watch, exists after each change, and nothing after channels.stop', async () => {
    const google = sandbox.running.sandbox.google;
    const watched = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, {
      id: 'channel-1',
      type: 'web_hook',
      address: receiver.url,
      token: 'clinic=42',
    });
    expect(watched.status).toBe(200);
    expect(watched.body).toMatchObject({ kind: 'api#channel', id: 'channel-1', token: 'clinic=42' });
    expect(Number(watched.body.expiration)).toBe(sandbox.clock.now() + 7 * 24 * 3600_000);
    await google.flushNotifications();
    expect(receiver.received).toHaveLength(1);
    const sync = receiver.received[0];
    expect(sync?.body).toBe('');
    expect(sync?.headers).toMatchObject({
      'x-goog-channel-id': 'channel-1',
      'x-goog-channel-token': 'clinic=42',
      'x-goog-resource-id': watched.body.resourceId,
      'x-goog-resource-uri': watched.body.resourceUri,
      'x-goog-resource-state': 'sync',
      'x-goog-message-number': '1',
      'x-goog-channel-expiration': new Date(Number(watched.body.expiration)).toUTCString(),
    });

    const inserted = await calendar(sandbox, token, 'POST', EVENTS, visit);
    google.changeEvent('push@example.com', inserted.body.id as string, { summary: 'Moved' });
    await google.flushNotifications();
    expect(
      receiver.received.map((n) => [n.headers['x-goog-resource-state'], n.headers['x-goog-message-number']]),
    ).toEqual([
      ['sync', '1'],
      ['exists', '2'],
      ['exists', '3'],
    ]);
    expect(google.listChannels()).toEqual([
      expect.objectContaining({ id: 'channel-1', delivered: 3, failed: 0 }),
    ]);

    const wrongResource = await calendar(sandbox, token, 'POST', '/channels/stop', {
      id: 'channel-1',
      resourceId: 'nope',
    });
    expect(wrongResource.status).toBe(404);
    const stopped = await calendar(sandbox, token, 'POST', '/channels/stop', {
      id: 'channel-1',
      resourceId: watched.body.resourceId,
    });
    expect(stopped.status).toBe(204);
    await calendar(sandbox, token, 'DELETE', `${EVENTS}/${inserted.body.id}`);
    await google.flushNotifications();
    expect(receiver.received).toHaveLength(3);
  });

  it('refuses plain HTTP to a non-loopback host, unknown types and reused channel ids', async () => {
    const http = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, {
      id: 'c2',
      type: 'web_hook',
      address: 'http://example.com/hook',
    });
    expect(http.status).toBe(400);
    expect(http.body.error?.errors[0]?.reason).toBe('push.webhookUrlNotHttps');
    const type = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, {
      id: 'c3',
      type: 'email',
      address: receiver.url,
    });
    expect(type.status).toBe(400);
    const wrongShape = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, {
      id: 'c4',
      type: 'web_hook',
      address: receiver.url,
      expiration: 'tomorrow',
    });
    expect(wrongShape.status).toBe(400);
    const ok = { id: 'c5', type: 'web_hook', address: receiver.url };
    expect((await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, ok)).status).toBe(200);
    const reused = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, ok);
    expect(reused.body.error?.errors[0]?.reason).toBe('channelIdNotUnique');
  });

  it('ignores delivery failures and stops delivering once a channel expires', async () => {
    const google = sandbox.running.sandbox.google;
    const dead = await calendar(sandbox, token, 'POST', `${EVENTS}/watch`, {
      id: 'c-dead',
      type: 'web_hook',
      address: 'http://127.0.0.1:9/nobody-listens',
      expiration: String(sandbox.clock.now() + 60_000),
    });
    expect(dead.status).toBe(200);
    await google.flushNotifications();
    expect(google.listChannels().find((c) => c.id === 'c-dead')?.failed).toBe(1);
    const before = receiver.received.length;
    sandbox.clock.advance(8 * 24 * 3600_000);
    const fresh = (await signIn(sandbox, { consent: { email: 'push@example.com' } })).access_token;
    await calendar(sandbox, fresh, 'POST', EVENTS, visit);
    await google.flushNotifications();
    expect(receiver.received).toHaveLength(before);
    expect(google.listChannels()).toEqual([]);
  });
});
