import { ManualClock } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { type DataSource } from 'typeorm';
import type { Vault } from '@televisit/api-vault';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { WebhookEventEntity } from '../timeline/webhook-event.entity';
import { MappingJanitor, WEBHOOK_EVENT_RETENTION_MS } from './mapping-janitor';
import { migratedDataSource } from '../testing/mapping-database';

const NOW = new Date('2026-07-01T10:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const DAY = 24 * 60 * 60 * 1000;

describeEachEngine('MappingJanitor', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let janitor: MappingJanitor;

  beforeAll(async () => {
    db = await engine.create();
    dataSource = await migratedDataSource(db.url, [IdempotencyKeyEntity, WebhookEventEntity]);
    const clock = new ManualClock(NOW);
    janitor = new MappingJanitor(dataSource, clock, new IdempotencyService(dataSource, clock, {} as Vault));
  }, 30_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const key = (id: string, expiresAt: Date): Partial<IdempotencyKeyEntity> => ({
    id,
    requestHash: 'h'.repeat(64),
    state: 'done',
    resourceId: null,
    responseStatus: 201,
    responseBody: null,
    createdAt: new Date(expiresAt.getTime() - DAY),
    expiresAt,
  });
  const event = (
    id: string,
    receivedAt: Date,
    settled: { processedAt: Date | null; nextAttemptAt: Date | null },
  ): Partial<WebhookEventEntity> => ({
    id,
    vendor: 'zoom',
    eventId: `evt-${id}`,
    eventType: 'meeting.started',
    vendorMeetingId: null,
    kind: null,
    occurredAt: receivedAt,
    details: null,
    receivedAt,
    attempts: 1,
    lastError: null,
    ...settled,
  });

  it('deletes expired Idempotency-Keys and settled vendor events past retention, nothing else', async () => {
    await dataSource
      .getRepository(IdempotencyKeyEntity)
      .insert([key('expired', ago(1)), key('live', new Date(NOW.getTime() + 60_000))]);
    const old = ago(WEBHOOK_EVENT_RETENTION_MS + 1);
    await dataSource
      .getRepository(WebhookEventEntity)
      .insert([
        event('old-processed', old, { processedAt: old, nextAttemptAt: null }),
        event('old-given-up', old, { processedAt: null, nextAttemptAt: null }),
        event('old-still-retrying', old, { processedAt: null, nextAttemptAt: NOW }),
        event('recent-processed', ago(DAY), { processedAt: ago(DAY), nextAttemptAt: null }),
      ]);

    expect(await janitor.sweep()).toEqual({ idempotencyKeys: 1, webhookEvents: 2 });
    const keys = await dataSource.getRepository(IdempotencyKeyEntity).find();
    expect(keys.map((k) => k.id)).toEqual(['live']);
    const events = await dataSource.getRepository(WebhookEventEntity).find({ order: { id: 'ASC' } });
    expect(events.map((e) => e.id)).toEqual(['old-still-retrying', 'recent-processed']);
    expect(await janitor.sweep()).toEqual({ idempotencyKeys: 0, webhookEvents: 0 });
  });
});
