import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { ConnectionTokens } from '@televisit/api-auth';
import {
  APP_CONFIG,
  type AppConfig,
  Clock,
  type CredentialFix,
  CredentialFixes,
  DomainException,
  sameSecret,
  SerialDrain,
  sha256Hex,
} from '@televisit/api-core';
import { newLeaseOwner } from '@televisit/api-database';
import { WebhookInbox } from '@televisit/api-mapping';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { isGone, isTokenRejected, rateLimitRetryAt } from '../meetings/google-api-errors';
import { GoogleCalendarEvents } from '../meetings/google-calendar-events.client';
import { GoogleOAuthClient } from '../oauth/google-oauth.client';
import { changesIn } from './calendar-changes';
import { GoogleChannelEntity } from './google-channel.entity';

const GOOGLE = 'google';
const TICK_MS = 1000;
/** A syncing process that died holding a calendar blocks the others this long at most. */
const LEASE_MS = 60_000;
/** What televisit asks a channel to live; Google may grant less (it says so in the answer). */
const CHANNEL_LIFETIME_MS = 7 * 24 * 3600_000;
/** A channel this close to its end is replaced (a new watch, then the old one stopped). */
const RENEW_BEFORE_MS = 24 * 3600_000;
/** A calendar with more pages of changes than this is not a clinician's: stop and try again later. */
const MAX_PAGES = 100;
export const GOOGLE_WEBHOOK_PATH = '/api/v1/webhooks/google';

/** How a notification was taken: `unknown` for a channel (or token) that is not one of ours. */
export type NotificationOutcome = 'noted' | 'unknown';

/**
 * Keeps each provider's Google calendar in step with televisit's visits on it. A calendar is tracked
 * from its first Google Meet event on; it is watched through a push channel (renewed before it
 * expires) and read through incremental sync when a notification says it changed, and every
 * `GOOGLE_SYNC_INTERVAL_SECONDS` anyway, since Google does not guarantee notifications. An event of
 * televisit's deleted in Google becomes the appointment's `meeting.deleted` (through the webhook inbox,
 * like Zoom's): a clear failure, never a silent recreation. One moved in Google becomes a
 * `meeting.moved`, and the visit's meeting is moved back to the booking. A calendar whose Google
 * connection is gone gets no call to Google, and is followed again once that account is connected
 * again. Calendars are claimed with a lease, so several processes share the work.
 */
@Injectable()
export class GoogleCalendarSync
  implements OnModuleInit, OnModuleDestroy, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(GoogleCalendarSync.name);
  private readonly owner = newLeaseOwner();
  private claims = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private readonly drainer = new SerialDrain(
    () => this.work(),
    (error) => this.logger.error(`the Google calendar sync could not read its queue: ${String(error)}`),
    () => this.timer !== undefined,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: GoogleCalendarEvents,
    private readonly tokens: ConnectionTokens,
    private readonly inbox: WebhookInbox,
    private readonly oauth: GoogleOAuthClient,
    private readonly fixes: CredentialFixes,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.fixes.listen((fix) => this.accessChanged(fix));
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /**
   * Works the calendars in the background, on worker processes of a server that offers Google: where the
   * operator removed Google's OAuth client, not one more call goes to Google, whatever notifications come
   * (and whatever access tokens are still cached).
   */
  onApplicationBootstrap(): void {
    if (!this.config.worker || !this.oauth.configured) return;
    this.timer = setInterval(() => void this.drain(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.drainer.current;
  }

  /**
   * Keeps `userId`'s calendar on Google account `accountId` in step from now on (due at once the first
   * time). A provider who switched Google accounts starts over on the new one.
   */
  async track(userId: string, accountId: string): Promise<void> {
    const repository = this.dataSource.getRepository(GoogleChannelEntity);
    const now = this.clock.now();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(GoogleChannelEntity)
      .values({ userId, accountId, syncDueAt: now, ...UNWATCHED, leaseOwner: null, leaseUntil: null })
      .orIgnore()
      .execute();
    // Another account than the one followed so far: start over on it (nothing changes otherwise).
    await repository.update(
      { userId, accountId: Not(accountId) },
      { accountId, syncDueAt: now, ...UNWATCHED },
    );
    if (this.timer) void this.drain();
  }

  /**
   * A provider's access changed (above all: they connected Google again): their calendar, if it is
   * followed, is due now, so that its push channel (stopped when they disconnected) opens again once
   * a disconnect's hold on it is over, rather than after the interval. Another vendor's fix is skipped;
   * a fix naming no vendor (a Zoom user chosen for them) or a Google disconnect makes it due early for
   * little: one sync sooner, or one that finds no token and stands down.
   */
  private async accessChanged(fix: CredentialFix): Promise<void> {
    if (!this.oauth.configured || fix.scope !== 'provider') return;
    if (fix.vendor !== undefined && fix.vendor !== GOOGLE) return;
    await this.dataSource
      .getRepository(GoogleChannelEntity)
      .update({ userId: fix.userId }, { syncDueAt: this.clock.now() });
    if (this.timer) void this.drain();
  }

  /**
   * Stops the push channel on `userId`'s calendar with their `accessToken`: they are disconnecting
   * Google, and this is the last moment their grant works. Google then sends nothing more about that
   * calendar (a channel it no longer knows counts as stopped), and a notification still under way is
   * `unknown`. The calendar is first taken from any sync at work on it (that sync stops at its next
   * step, stopping a channel it opened meanwhile) and kept for a lease, past the disconnect's erasing
   * of the tokens, so that no sync opens another channel before they are gone. The calendar's sync
   * state stays, for a reconnect to the same account. Throws when Google could not be told (the
   * channel then ends when it expires).
   */
  async unwatch(userId: string, accessToken: string): Promise<void> {
    const repository = this.dataSource.getRepository(GoogleChannelEntity);
    const hold = this.nextClaim();
    const taken = await repository.update({ userId }, { leaseOwner: hold, leaseUntil: this.leaseEnd() });
    if (!taken.affected) return;
    const row = await repository.findOneBy({ userId });
    if (!row?.channelId) return;
    if (row.resourceId) {
      await this.events
        .stopChannel(accessToken, { id: row.channelId, resourceId: row.resourceId })
        .catch((error: unknown) => {
          if (!isGone(error)) throw error;
        });
    }
    await repository.update(
      { userId, leaseOwner: hold },
      { channelId: null, resourceId: null, tokenHash: null, expiresAt: null },
    );
  }

  /**
   * A push notification: `unknown` unless it names one of our channels with that channel's token.
   * Anything but the channel's opening `sync` message makes the calendar due now.
   */
  async notified(channelId: string, token: string, resourceState: string): Promise<NotificationOutcome> {
    const repository = this.dataSource.getRepository(GoogleChannelEntity);
    const row = channelId ? await repository.findOneBy({ channelId }) : null;
    if (!row?.tokenHash || !sameSecret(row.tokenHash, sha256Hex(token))) return 'unknown';
    if (resourceState !== 'sync') {
      await repository.update({ userId: row.userId, channelId }, { syncDueAt: this.clock.now() });
      if (this.timer) void this.drain();
    }
    return 'noted';
  }

  /** Syncs every calendar due now; returns how many it synced (none where Google is not offered). */
  drain(): Promise<number> {
    if (!this.oauth.configured) return Promise.resolve(0);
    return this.drainer.run();
  }

  private async work(): Promise<number> {
    let done = 0;
    for (;;) {
      this.drainer.takeAsked(); // each claim reads what is due now
      const row = await this.claimNext();
      if (!row) return done;
      await this.sync(row).catch((error: unknown) =>
        error instanceof LeaseLost
          ? this.logger.warn(`${error.message}: it was taken over (by another process, or a disconnect)`)
          : this.logger.error(`syncing the Google calendar of user ${row.userId} crashed: ${String(error)}`),
      );
      done++;
    }
  }

  private async claimNext(): Promise<GoogleChannelEntity | null> {
    const now = this.clock.now();
    const repository = this.dataSource.getRepository(GoogleChannelEntity);
    const candidates = await repository.find({
      select: { userId: true },
      where: [
        { syncDueAt: LessThanOrEqual(now), leaseUntil: IsNull() },
        { syncDueAt: LessThanOrEqual(now), leaseUntil: LessThan(now) },
      ],
      order: { syncDueAt: 'ASC' },
      take: 10,
    });
    for (const { userId } of candidates) {
      const claim = this.nextClaim();
      const claimed = await this.dataSource
        .createQueryBuilder()
        .update(GoogleChannelEntity)
        .set({ leaseOwner: claim, leaseUntil: this.leaseEnd() })
        .where('user_id = :userId AND sync_due_at <= :now', { userId, now })
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
        .execute();
      if (claimed.affected !== 1) continue;
      const row = await repository.findOneBy({ userId });
      if (row?.leaseOwner === claim) return row;
    }
    return null;
  }

  /** One calendar: a token, a live channel, the changes since last time; then due again after the interval. */
  private async sync(row: GoogleChannelEntity): Promise<void> {
    const now = this.clock.now().getTime();
    let accessToken: string;
    try {
      accessToken = await this.accessToken(row);
    } catch (error) {
      await this.release(row, { retryInMs: this.intervalMs() });
      // Disconnected, connected to another Google account or needing a reconnect: not one call to Google
      // for this calendar. It is kept, and followed again as soon as that account is connected again.
      if (error instanceof DomainException) return;
      throw error;
    }
    const once = async (token: string) => {
      await this.holdLease(row);
      if (await this.ensureChannel(row, token)) await this.holdLease(row);
      return this.readChanges(row, token);
    };
    try {
      let syncToken: string | null;
      try {
        syncToken = await once(accessToken);
      } catch (error) {
        // Refused although it looked fresh (revoked behind our back): one fresh token, one more try.
        if (!isTokenRejected(error)) throw error;
        syncToken = await once(await this.accessToken(row, accessToken));
      }
      await this.release(row, { retryInMs: this.intervalMs(), syncToken, syncedAt: new Date(now) });
    } catch (error) {
      const limitedUntil = rateLimitRetryAt(error, this.clock.now());
      // Held back until then, notifications or not: each would spend the quota the visits need too.
      await this.release(row, limitedUntil ? { holdUntil: limitedUntil } : { retryInMs: this.intervalMs() });
      throw error;
    }
  }

  /**
   * Keeps the calendar claimed while this sync is still at work: a token refresh waited on, or many
   * pages, can outlast the lease, and another process must not take the calendar up meanwhile. A lease
   * that was lost anyway (this process stalled past it, or a disconnect took it) ends this sync.
   */
  private async holdLease(row: GoogleChannelEntity): Promise<void> {
    const held = await this.dataSource
      .getRepository(GoogleChannelEntity)
      .update({ userId: row.userId, leaseOwner: row.leaseOwner ?? '' }, { leaseUntil: this.leaseEnd() });
    if (!held.affected) throw new LeaseLost(`lost the lease on the Google calendar of user ${row.userId}`);
  }

  /** A claim of this process, unique among its claims: who holds a calendar. */
  private nextClaim(): string {
    return `${this.owner}:${(this.claims += 1)}`;
  }

  /** Until when a claim made or kept now holds. */
  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + LEASE_MS);
  }

  private async accessToken(row: GoogleChannelEntity, rejected?: string): Promise<string> {
    const grant = await this.tokens.grant(row.userId, GOOGLE, {
      accountId: row.accountId,
      ...(rejected ? { rejected } : {}),
    });
    return grant.accessToken;
  }

  /**
   * Opens a channel where there is none or it ends within a day, then stops the one it replaces. A
   * channel Google refuses (an address that is not https, say) leaves the calendar to polling alone.
   * Answers whether it called Google (a call the lease must have outlasted).
   */
  private async ensureChannel(row: GoogleChannelEntity, accessToken: string): Promise<boolean> {
    const now = this.clock.now().getTime();
    if (row.channelId && row.expiresAt && row.expiresAt.getTime() - now > RENEW_BEFORE_MS) return false;
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    let answer;
    try {
      answer = await this.events.watch(accessToken, {
        id,
        type: 'web_hook',
        address: `${this.config.publicUrl}${GOOGLE_WEBHOOK_PATH}`,
        token: secret,
        expiration: String(now + CHANNEL_LIFETIME_MS),
      });
    } catch (error) {
      if (rateLimitRetryAt(error, this.clock.now())) throw error;
      this.logger.warn(`Google refused to watch the calendar of user ${row.userId}: ${String(error)}`);
      return true;
    }
    const granted = Number(answer.expiration);
    const kept = await this.dataSource.getRepository(GoogleChannelEntity).update(
      { userId: row.userId, leaseOwner: row.leaseOwner ?? '' },
      {
        channelId: id,
        resourceId: answer.resourceId ?? null,
        tokenHash: sha256Hex(secret),
        expiresAt: new Date(Number.isFinite(granted) && granted > now ? granted : now + CHANNEL_LIFETIME_MS),
      },
    );
    if (!kept.affected) {
      // The calendar was taken from this sync meanwhile (the provider is disconnecting Google): the
      // channel just opened is not kept, so it must not stay open at Google either.
      if (answer.resourceId) {
        await this.events
          .stopChannel(accessToken, { id, resourceId: answer.resourceId })
          .catch((error: unknown) =>
            this.logger.warn(
              `stopping a channel opened too late failed (it expires anyway): ${String(error)}`,
            ),
          );
      }
      throw new LeaseLost(
        `lost the lease on the Google calendar of user ${row.userId} while opening a channel`,
      );
    }
    if (row.channelId && row.resourceId) {
      await this.events
        .stopChannel(accessToken, { id: row.channelId, resourceId: row.resourceId })
        .catch((error: unknown) =>
          this.logger.warn(`stopping a replaced Google channel failed (it expires anyway): ${String(error)}`),
        );
    }
    return true;
  }

  /**
   * Reads every page of changes since `syncToken` (every event, without one, or after Google's 410 for
   * a token it dropped), queues what happened to televisit's events (deleted, or their times as they
   * are now), and returns the token to continue from.
   */
  private async readChanges(row: GoogleChannelEntity, accessToken: string): Promise<string | null> {
    let token = row.syncToken;
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let answer;
      try {
        answer = await this.events.list(accessToken, {
          ...(token ? { syncToken: token } : {}),
          ...(pageToken ? { pageToken } : {}),
        });
      } catch (error) {
        if (!isGone(error) || !token || pageToken) throw error;
        token = null; // the sync token died: a full sync, from the start
        continue;
      }
      for (const change of changesIn(answer.items ?? [], this.clock.now())) {
        await this.inbox.accept(change);
      }
      await this.holdLease(row);
      if (answer.nextPageToken) {
        pageToken = answer.nextPageToken;
        continue;
      }
      return answer.nextSyncToken ?? token;
    }
    throw new Error(`more than ${MAX_PAGES} pages of Calendar changes`);
  }

  /**
   * Gives the calendar back: due again after `retryInMs`, unless a notification made it due while it
   * was being synced (that stands, so the change it announced is read). With `holdUntil` (a rate
   * limit) no process claims it before then, whatever notifications come.
   */
  private async release(
    row: GoogleChannelEntity,
    outcome: { retryInMs: number; syncToken?: string | null; syncedAt?: Date } | { holdUntil: Date },
  ): Promise<void> {
    const repository = this.dataSource.getRepository(GoogleChannelEntity);
    const leaseOwner = row.leaseOwner ?? '';
    if ('holdUntil' in outcome) {
      await repository.update(
        { userId: row.userId, leaseOwner },
        { leaseOwner: null, leaseUntil: outcome.holdUntil, syncDueAt: outcome.holdUntil },
      );
      return;
    }
    const next = new Date(this.clock.now().getTime() + outcome.retryInMs);
    const done = {
      leaseOwner: null,
      leaseUntil: null,
      ...(outcome.syncToken !== undefined ? { syncToken: outcome.syncToken } : {}),
      ...(outcome.syncedAt ? { syncedAt: outcome.syncedAt } : {}),
    };
    const moved = await repository.update(
      { userId: row.userId, leaseOwner, syncDueAt: row.syncDueAt ?? IsNull() },
      { ...done, syncDueAt: next },
    );
    if (!moved.affected) await repository.update({ userId: row.userId, leaseOwner }, done);
  }

  private intervalMs(): number {
    return this.config.google.syncIntervalSeconds * 1000;
  }
}

/** A row with no channel and no sync state. */
const UNWATCHED = {
  channelId: null,
  resourceId: null,
  tokenHash: null,
  expiresAt: null,
  syncToken: null,
  syncedAt: null,
} as const;

/** This process no longer holds the calendar it was syncing (it stalled past its lease). */
class LeaseLost extends Error {
  override name = 'LeaseLost';
}
