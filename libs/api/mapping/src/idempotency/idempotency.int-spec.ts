import { ManualClock, parseEncryptionKeys, type Principal } from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
import { Vault } from '@televisit/api-vault';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { IdempotencyService, IN_FLIGHT_STALE_MS, type Replayable } from './idempotency.service';
import { migratedDataSource } from '../testing/mapping-database';

const caller: Principal = {
  kind: 'api_key',
  apiKeyId: 'key-1',
  clinicId: 'c1',
  scopes: ['appointments:write'],
};

describeEachEngine('Idempotency-Key', (engine) => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let service: IdempotencyService;
  const clock = new ManualClock(new Date('2026-07-01T10:00:00.000Z'));
  let created: string[];

  beforeAll(async () => {
    db = await engine.create();
    dataSource = await migratedDataSource(db.url, [IdempotencyKeyEntity]);
    const keys = parseEncryptionKeys(`k1:${randomBytes(32).toString('base64')}`);
    service = new IdempotencyService(dataSource, clock, new Vault({ encryptionKeys: keys } as never));
  }, 30_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });
  beforeEach(() => {
    created = [];
  });

  /** Work that creates a resource and binds it to the key in its own transaction, like booking does. */
  const book = (crashAfterCommit = false) =>
    service.run(
      caller,
      'key-A',
      { what: 'visit' },
      async (claim) => {
        const id = `appt-${created.length + 1}`;
        await runInTransaction(dataSource, async (manager) => {
          await claim?.bind(manager, id);
          created.push(id);
        });
        if (crashAfterCommit) throw new Error('the process died before answering');
        return { status: 201, body: { id } };
      },
      (id) => Promise.resolve({ status: 201, body: { id, recovered: true } }),
    );

  it('replays the first response and runs the work once', async () => {
    await dataSource.getRepository(IdempotencyKeyEntity).clear();
    const first = await book();
    const again = await book();
    expect(again).toEqual(first);
    expect(created).toEqual(['appt-1']);
  });

  it('answers a retry after a crash between commit and answer with what was created, not a second one', async () => {
    await dataSource.getRepository(IdempotencyKeyEntity).clear();
    await expect(book(true)).rejects.toThrow('the process died');
    expect(await book()).toEqual({ status: 201, body: { id: 'appt-1', recovered: true } });
    expect(created).toEqual(['appt-1']);
  });

  it('refuses the same key with another body (422), says 409 while the first runs, and takes over a stale key', async () => {
    await dataSource.getRepository(IdempotencyKeyEntity).clear();
    let release: () => void = () => undefined;
    const running = service.run(
      caller,
      'key-D',
      { n: 1 },
      () =>
        new Promise<Replayable<{ id: string }>>(
          (resolve) => (release = () => resolve({ status: 201, body: { id: 'slow' } })),
        ),
      () => Promise.resolve({ status: 201, body: {} }),
    );
    await new Promise((r) => setTimeout(r, 50));
    await expect(
      service.run(
        caller,
        'key-D',
        { n: 1 },
        () => Promise.resolve({ status: 201, body: {} }),
        () => Promise.resolve({ status: 201, body: {} }),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'idempotency_in_flight' });
    await expect(
      service.run(
        caller,
        'key-D',
        { n: 2 },
        () => Promise.resolve({ status: 201, body: {} }),
        () => Promise.resolve({ status: 201, body: {} }),
      ),
    ).rejects.toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    // Stale: two minutes later the key may be taken over.
    clock.advance(IN_FLIGHT_STALE_MS + 1);
    const takeover = await service.run(
      caller,
      'key-D',
      { n: 1 },
      () => Promise.resolve({ status: 201, body: { id: 'taken-over' } }),
      () => Promise.resolve({ status: 201, body: {} }),
    );
    expect(takeover.body).toEqual({ id: 'taken-over' });
    release();
    await running;
  });
});
