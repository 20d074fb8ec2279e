import type { ConnectionTokens } from '@televisit/api-auth';
import {
  type AppConfig,
  CredentialFixes,
  DomainException,
  ManualClock,
  parseDatabaseUrl,
  sha256Hex,
} from '@televisit/api-core';
import { dataSourceOptions } from '@televisit/api-database';
import type { InboundVendorEvent, WebhookInbox } from '@televisit/api-mapping';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import type { calendar_v3 } from 'googleapis';
import { DataSource, Not } from 'typeorm';
import { GoogleCalendarError } from '../meetings/google-api-errors';
import type { GoogleCalendarEvents } from '../meetings/google-calendar-events.client';
import type { GoogleOAuthClient } from '../oauth/google-oauth.client';
import { GoogleCalendarSync } from './google-calendar-sync';
import { GoogleChannelEntity } from './google-channel.entity';

const START = new Date('2026-07-01T10:00:00.000Z');
const DAY = 24 * 3600_000;
const OURS = `tv${'0123456789abcdef'.repeat(2)}`;

/** A fake Calendar: records what was asked, answers each list with the next queued page (or an error). */
function fakeCalendar() {
  const watched: calendar_v3.Schema$Channel[] = [];
  const stopped: { id: string; resourceId: string }[] = [];
  const listed: { syncToken?: string; pageToken?: string }[] = [];
  const pages: (calendar_v3.Schema$Events | Error)[] = [];
  /** Runs while each list call is under way (a slow Google, another process meanwhile). */
  let onList: () => Promise<void> = () => Promise.resolve();
  /** Runs while each watch call is under way. */
  let onWatch: () => Promise<void> = () => Promise.resolve();
  const events = {
    watch: async (_token: string, channel: calendar_v3.Schema$Channel) => {
      watched.push(channel);
      const resourceId = `res-${watched.length}`;
      await onWatch();
      return { ...channel, resourceId };
    },
    stopChannel: (_token: string, channel: { id: string; resourceId: string }) => {
      stopped.push(channel);
      return Promise.resolve();
    },
    list: async (_token: string, page: { syncToken?: string; pageToken?: string }) => {
      listed.push(page);
      await onList();
      const next = pages.shift() ?? { items: [], nextSyncToken: `sync-${listed.length}` };
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as GoogleCalendarEvents;
  return {
    events,
    watched,
    stopped,
    listed,
    pages,
    whileListing: (run: () => Promise<void>) => (onList = run),
    whileWatching: (run: () => Promise<void>) => (onWatch = run),
  };
}

/** The calendar sync on a real database, with Calendar, tokens and the inbox faked and a manual clock. */
describeEachEngine('GoogleCalendarSync', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await engine.create();
    dataSource = await new DataSource({
      ...dataSourceOptions(parseDatabaseUrl(db.url)),
      entities: [GoogleChannelEntity],
      migrationsRun: true,
    }).initialize();
    await dataSource.query("INSERT INTO clinics (id, name, timezone) VALUES ('c1', 'Clinic', 'UTC')");
    for (const id of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) {
      await dataSource.query(
        'INSERT INTO users (id, clinic_id, email, name, role, password_hash, created_at, updated_at) ' +
          "VALUES (?, 'c1', ?, 'P', 'provider', 'x', '2026-07-01 10:00:00.000', '2026-07-01 10:00:00.000')",
        [id, `${id}@c.test`],
      );
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  function setup(
    grant: ConnectionTokens['grant'] = () => Promise.resolve({ accessToken: 'tok', accountId: 'acct' }),
    options: { worker?: boolean; googleConfigured?: boolean } = {},
  ) {
    const clock = new ManualClock(START);
    const calendar = fakeCalendar();
    const fixes = new CredentialFixes();
    const accepted: InboundVendorEvent[] = [];
    const inbox = {
      accept: (event: InboundVendorEvent) => {
        accepted.push(event);
        return Promise.resolve('accepted' as const);
      },
    } as unknown as WebhookInbox;
    const config = {
      worker: options.worker ?? false,
      publicUrl: 'https://televisit.example',
      google: { syncIntervalSeconds: 900 },
    } as AppConfig;
    const sync = new GoogleCalendarSync(
      config,
      dataSource,
      clock,
      calendar.events,
      { grant } as unknown as ConnectionTokens,
      inbox,
      { configured: options.googleConfigured ?? true } as GoogleOAuthClient,
      fixes,
    );
    sync.onModuleInit();
    const row = (userId: string) => dataSource.getRepository(GoogleChannelEntity).findOneBy({ userId });
    return { clock, sync, accepted, row, fixes, ...calendar };
  }

  it('opens a channel and syncs in full the first time, then incrementally every interval', async () => {
    const { clock, sync, watched, listed, row } = setup();
    await sync.track('p1', 'acct');
    expect(await sync.drain()).toBe(1);
    expect(watched).toHaveLength(1);
    expect(watched[0]).toMatchObject({
      type: 'web_hook',
      address: 'https://televisit.example/api/v1/webhooks/google',
    });
    expect(watched[0]?.token).toMatch(/^[\w-]{43}$/);
    expect(listed).toEqual([{}]);
    const first = await row('p1');
    expect(first).toMatchObject({ syncToken: 'sync-1', leaseOwner: null, resourceId: 'res-1' });
    expect(first?.tokenHash).toBe(sha256Hex(watched[0]?.token as string));
    expect(first?.syncDueAt?.getTime()).toBe(START.getTime() + 900_000);

    clock.advance(899_000);
    expect(await sync.drain()).toBe(0);
    clock.advance(1_000);
    expect(await sync.drain()).toBe(1);
    expect(listed).toEqual([{}, { syncToken: 'sync-1' }]);
    expect(watched).toHaveLength(1); // the channel lives on
  });

  it('replaces a channel a day before it ends, then stops the old one', async () => {
    const { clock, sync, watched, stopped, row } = setup();
    await sync.track('p2', 'acct');
    await sync.drain();
    const old = await row('p2');
    clock.advance(6 * DAY + 3600_000); // the channel (7 days) now ends within a day
    await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p2' }, { syncDueAt: clock.now() });
    await sync.drain();
    // Every calendar due now whose channel ends within a day is renewed (p1's from above too).
    const renewed = await row('p2');
    expect(renewed?.channelId).not.toBe(old?.channelId);
    expect(watched.map((c) => c.id)).toContain(renewed?.channelId);
    expect(stopped).toContainEqual({ id: old?.channelId, resourceId: old?.resourceId });
    expect(renewed?.expiresAt?.getTime()).toBe(clock.now().getTime() + 7 * DAY);
  });

  it('takes a notification only with its channel’s token, and makes the calendar due at once', async () => {
    const { clock, sync, watched, row } = setup();
    await sync.track('p3', 'acct');
    await sync.drain();
    const channelId = (await row('p3'))?.channelId as string;
    clock.advance(60_000);
    expect(await sync.notified(channelId, 'not-the-token', 'exists')).toBe('unknown');
    expect(await sync.notified('another', watched[0]?.token ?? '', 'exists')).toBe('unknown');
    expect((await row('p3'))?.syncDueAt?.getTime()).toBe(START.getTime() + 900_000);
    expect(await sync.notified(channelId, watched[0]?.token ?? '', 'sync')).toBe('noted');
    expect((await row('p3'))?.syncDueAt?.getTime()).toBe(START.getTime() + 900_000);
    expect(await sync.notified(channelId, watched[0]?.token ?? '', 'exists')).toBe('noted');
    expect((await row('p3'))?.syncDueAt?.getTime()).toBe(clock.now().getTime());
  });

  it('starts over in full when Google drops the sync token (410), and queues televisit’s deleted events', async () => {
    const { clock, sync, listed, pages, accepted, row } = setup();
    await dataSource
      .getRepository(GoogleChannelEntity)
      .update({ userId: 'p1' }, { syncToken: 'stale', syncDueAt: clock.now() });
    pages.push(
      new GoogleCalendarError(410, 'fullSyncRequired', 'Sync token is no longer valid'),
      { items: [{ id: 'someone-else', status: 'cancelled' }], nextPageToken: 'page-2' },
      { items: [{ id: OURS, status: 'cancelled', updated: START.toISOString() }], nextSyncToken: 'fresh' },
    );
    await sync.drain();
    expect(listed).toEqual([{ syncToken: 'stale' }, {}, { pageToken: 'page-2' }]);
    expect(accepted.map((e) => [e.vendorMeetingId, e.kind])).toEqual([[OURS, 'meeting.deleted']]);
    expect((await row('p1'))?.syncToken).toBe('fresh');
  });

  it('makes no call to Google for a calendar whose Google connection is gone, and keeps it for a reconnect', async () => {
    const { clock, sync, watched, listed, row } = setup(() =>
      Promise.reject(new DomainException(409, 'not_connected', 'The provider has not connected google.')),
    );
    await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p2' }, { syncDueAt: clock.now() });
    await sync.drain();
    expect(watched).toEqual([]);
    expect(listed).toEqual([]);
    const kept = await row('p2');
    expect(kept?.leaseOwner).toBeNull();
    expect(kept?.syncDueAt?.getTime()).toBe(clock.now().getTime() + 900_000);
  });

  it('holds a rate-limited calendar back for a minute, notifications or not', async () => {
    const { clock, sync, listed, pages, row } = setup();
    await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p3' }, { syncDueAt: clock.now() });
    const before = await row('p3');
    pages.push(new GoogleCalendarError(429, 'rateLimitExceeded', 'Rate Limit Exceeded'));
    await sync.drain();
    expect(listed).toHaveLength(1);
    const held = await row('p3');
    expect(held?.leaseUntil?.getTime()).toBe(clock.now().getTime() + 60_000);
    // A notification arrives meanwhile (as `notified` leaves it): due, but held.
    await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p3' }, { syncDueAt: clock.now() });
    expect(await sync.drain()).toBe(0);
    clock.advance(61_000);
    expect(await sync.drain()).toBe(1);
    expect(listed).toHaveLength(2);
    expect((await row('p3'))?.channelId).toBe(before?.channelId);
  });

  it('keeps a calendar whose pages take longer than the lease: another process cannot take it meanwhile', async () => {
    const first = setup();
    const second = setup();
    await dataSource
      .getRepository(GoogleChannelEntity)
      .update({ userId: 'p1' }, { syncDueAt: first.clock.now() });
    first.pages.push(
      { items: [], nextPageToken: 'page-2' },
      { items: [], nextPageToken: 'page-3' },
      { items: [], nextSyncToken: 'after-3' },
    );
    const tookOver: number[] = [];
    first.whileListing(async () => {
      // Each page takes 40 s of Google's time; the second process looks for work meanwhile.
      first.clock.advance(40_000);
      second.clock.advance(40_000);
      tookOver.push(await second.sync.drain());
    });
    expect(await first.sync.drain()).toBe(1);
    expect(first.listed).toHaveLength(3);
    expect(tookOver).toEqual([0, 0, 0]);
    expect(second.listed).toEqual([]);
    expect((await first.row('p1'))?.syncToken).toBe('after-3');
  });

  it.each([
    [true, 1, 0],
    [false, 0, 0],
  ])(
    'with Google’s OAuth client configured: %s, a notification leads to %i reads of the calendar and %i channels',
    async (configured, reads, watches) => {
      const { sync, listed, watched, row } = setup(undefined, { worker: true, googleConfigured: configured });
      const p2 = await row('p2');
      await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p2' }, { syncToken: 'p2-token' });
      sync.onApplicationBootstrap();
      try {
        const token = 'p2-secret';
        await dataSource
          .getRepository(GoogleChannelEntity)
          .update({ userId: 'p2' }, { tokenHash: sha256Hex(token), leaseUntil: null, leaseOwner: null });
        expect(await sync.notified(p2?.channelId as string, token, 'exists')).toBe('noted');
        // Long enough for the background tick too, had it been started.
        await new Promise((resolve) => setTimeout(resolve, 1200));
        await sync.drain();
        expect(listed).toHaveLength(reads);
        expect(watched).toHaveLength(watches);
      } finally {
        await sync.onApplicationShutdown();
      }
    },
  );

  /** Only `userId` is due, so it is the calendar a drain takes. */
  async function onlyDue(userId: string, clock: ManualClock) {
    const channels = dataSource.getRepository(GoogleChannelEntity);
    await channels.update({ userId: Not(userId) }, { syncDueAt: new Date(clock.now().getTime() + DAY) });
  }

  it('stops the channel when the provider disconnects, and lets no sync at the calendar until the tokens are gone', async () => {
    const { clock, sync, watched, stopped, listed, row } = setup();
    await sync.track('p4', 'acct');
    await onlyDue('p4', clock);
    expect(await sync.drain()).toBe(1);
    const open = await row('p4');
    expect(open?.channelId).toEqual(expect.any(String));

    await sync.unwatch('p4', 'tok');
    expect(stopped).toContainEqual({ id: open?.channelId, resourceId: open?.resourceId });
    expect(await row('p4')).toMatchObject({
      channelId: null,
      resourceId: null,
      tokenHash: null,
      expiresAt: null,
      syncToken: open?.syncToken, // for a reconnect to the same account
    });
    // Due again now: no sync takes the calendar within the lease, so none opens a channel meanwhile.
    const [watches, reads] = [watched.length, listed.length];
    await dataSource.getRepository(GoogleChannelEntity).update({ userId: 'p4' }, { syncDueAt: clock.now() });
    expect(await sync.drain()).toBe(0);
    clock.advance(61_000);
    expect(await sync.drain()).toBe(1);
    expect([watched.length, listed.length]).toEqual([watches + 1, reads + 1]);
  });

  it('stops a channel a sync opened while the provider disconnected, and keeps none', async () => {
    const { clock, sync, watched, stopped, listed, row, whileWatching } = setup();
    await sync.track('p5', 'acct');
    await onlyDue('p5', clock);
    // Google answers the sync's watch only after the disconnect has taken the calendar.
    whileWatching(() => sync.unwatch('p5', 'tok'));
    const reads = listed.length;
    await sync.drain();
    const opened = watched.at(-1);
    expect(stopped).toContainEqual({ id: opened?.id, resourceId: `res-${watched.length}` });
    expect(await row('p5')).toMatchObject({ channelId: null, tokenHash: null });
    expect(listed).toHaveLength(reads); // it stopped there: nothing read after the calendar was taken
  });

  it('makes a followed calendar due at once when its provider connects Google again, so its channel reopens', async () => {
    const { clock, sync, watched, row, fixes } = setup();
    await sync.track('p6', 'acct');
    await onlyDue('p6', clock);
    expect(await sync.drain()).toBe(1);
    await sync.unwatch('p6', 'tok');
    clock.advance(61_000); // the disconnect's hold is over
    const watches = watched.length;
    // Zoom connected, or another provider's Google: not due for that.
    const due = (await row('p6'))?.syncDueAt;
    expect(due?.getTime()).toBeGreaterThan(clock.now().getTime());
    await fixes.fixed({ scope: 'provider', userId: 'p6', vendor: 'zoom' });
    await fixes.fixed({ scope: 'provider', userId: 'p5', vendor: 'google' });
    expect((await row('p6'))?.syncDueAt).toEqual(due);
    await fixes.fixed({ scope: 'provider', userId: 'p6', vendor: 'google' });
    expect((await row('p6'))?.syncDueAt).toEqual(clock.now());
    await onlyDue('p6', clock); // p5 was made due by its own fix above
    expect(await sync.drain()).toBe(1);
    expect(watched).toHaveLength(watches + 1);
    expect((await row('p6'))?.channelId).toBe(watched.at(-1)?.id);
  });

  it('stops a sync whose lease another process took (it stalled past it), leaving the calendar to that one', async () => {
    const { clock, sync, pages, listed, whileListing, row } = setup();
    await onlyDue('p3', clock);
    await dataSource
      .getRepository(GoogleChannelEntity)
      .update({ userId: 'p3' }, { syncDueAt: clock.now(), leaseUntil: null, leaseOwner: null });
    const before = await row('p3');
    pages.push({ items: [], nextPageToken: 'page-2' }, { items: [], nextSyncToken: 'never-kept' });
    whileListing(async () => {
      // Stalled past the lease: another process claimed the calendar meanwhile.
      await dataSource
        .getRepository(GoogleChannelEntity)
        .update(
          { userId: 'p3' },
          { leaseOwner: 'other-process:1', leaseUntil: new Date(clock.now().getTime() + 60_000) },
        );
    });
    await sync.drain();
    const after = await row('p3');
    expect(after).toMatchObject({ leaseOwner: 'other-process:1', syncToken: before?.syncToken });
    // It stopped at the first page: the other process reads the calendar, not both.
    expect(listed).toHaveLength(1);
  });
});
