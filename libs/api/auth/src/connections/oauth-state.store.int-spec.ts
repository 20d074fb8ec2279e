import type { INestApplication } from '@nestjs/common';
import { ManualClock } from '@televisit/api-core';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../sessions/session.entity';
import { authTestConfig, startAuthTestApp } from '../testing/auth-test-app';
import { UserEntity } from '../users/user.entity';
import { OAuthStateEntity } from './oauth-state.entity';
import { OAuthStateStore, STATE_TTL_MS } from './oauth-state.store';

const flow = (sessionId: string) =>
  ({ connectFlow: { userId: 'p1', sessionId, vendor: 'zoom' } }) as unknown as Request;

describeEachEngine('OAuth state store', (engine) => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: OAuthStateStore;
  let dataSource: DataSource;
  const clock = new ManualClock(new Date('2026-06-01T09:00:00.000Z'));

  beforeAll(async () => {
    db = await engine.create();
    const { moduleRef, app: started } = await startAuthTestApp(authTestConfig(db.url), clock);
    app = started;
    store = moduleRef.get(OAuthStateStore);
    dataSource = moduleRef.get(DataSource);
    await dataSource.getRepository(UserEntity).save({
      id: 'p1',
      clinicId: null,
      email: 'p1@example.test',
      name: 'P1',
      role: 'platform_admin',
      passwordHash: 'x',
      zoomUser: null,
      disabledAt: null,
    });
    for (const id of ['s1'.padEnd(64, '0'), 's2'.padEnd(64, '0')]) {
      await dataSource.getRepository(SessionEntity).save({
        id,
        userId: 'p1',
        createdAt: clock.now(),
        lastSeenAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 3600_000),
        ip: null,
        userAgent: null,
      });
    }
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const S1 = 's1'.padEnd(64, '0');
  const S2 = 's2'.padEnd(64, '0');
  const issue = (session: string, verifier: string) =>
    new Promise<string>((resolve, reject) =>
      store.store(flow(session), verifier, undefined, undefined, (err, state) =>
        err || !state ? reject(err ?? new Error('no state')) : resolve(state),
      ),
    );
  const redeem = (session: string, state: string) =>
    new Promise<string | false | undefined>((resolve, reject) =>
      store.verify(flow(session), state, (err, verifier) => (err ? reject(err) : resolve(verifier))),
    );

  it('keeps only a hash of the state and a sealed verifier, and gives the verifier back once', async () => {
    const state = await issue(S1, 'verifier-one-0123456789-0123456789-0123');
    expect(state).toMatch(/^[\w-]{43}$/);
    const rows = await dataSource.getRepository(OAuthStateEntity).find();
    expect(JSON.stringify(rows)).not.toContain(state);
    expect(JSON.stringify(rows)).not.toContain('verifier-one');
    await expect(redeem(S1, state)).resolves.toBe('verifier-one-0123456789-0123456789-0123');
    await expect(redeem(S1, state)).resolves.toBe(false);
  });

  it('refuses the state on another session, and it is spent afterwards', async () => {
    const state = await issue(S1, 'verifier-two-0123456789-0123456789-0123');
    await expect(redeem(S2, state)).resolves.toBe(false);
    await expect(redeem(S1, state)).resolves.toBe(false);
  });

  it('refuses a state older than 10 minutes, and a made-up one', async () => {
    const state = await issue(S1, 'verifier-three-123456789-0123456789-0123');
    clock.advance(STATE_TTL_MS + 1);
    await expect(redeem(S1, state)).resolves.toBe(false);
    await expect(redeem(S1, 'x'.repeat(43))).resolves.toBe(false);
    await expect(redeem(S1, 'y'.repeat(500))).resolves.toBe(false);
  });

  it('forgets expired states', async () => {
    await issue(S1, 'verifier-four-0123456789-0123456789-0123');
    clock.advance(STATE_TTL_MS + 1);
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await dataSource.getRepository(OAuthStateEntity).count()).toBe(0);
  });
});
