import { ManualClock } from '@televisit/api-core';
import { runInTransaction } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { DataSource } from 'typeorm';
import { LoginThrottleService } from '../login/login-throttle.service';
import { UserEntity } from '../users/user.entity';
import { authTestConfig, startAuthTestApp } from '../testing/auth-test-app';
import { SessionJanitor } from './session-janitor';
import { SessionEntity } from './session.entity';
import { SessionsService } from './sessions.service';

const HOUR = 60 * 60 * 1000;
const meta = { ip: '192.0.2.1', userAgent: 'spec', requestId: null };

describeEachEngine('session janitor', (engine) => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  const clock = new ManualClock(new Date('2026-03-01T08:00:00.000Z'));
  let janitor: SessionJanitor;
  let sessions: SessionsService;
  let throttles: LoginThrottleService;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await engine.create();
    const { moduleRef, app: started } = await startAuthTestApp(authTestConfig(db.url), clock);
    close = () => started.close();
    janitor = moduleRef.get(SessionJanitor);
    sessions = moduleRef.get(SessionsService);
    throttles = moduleRef.get(LoginThrottleService);
    dataSource = moduleRef.get(DataSource);
    await dataSource.getRepository(UserEntity).save({
      id: 'u1',
      clinicId: null,
      email: 'u1@example.test',
      name: 'U1',
      role: 'platform_admin',
      passwordHash: 'x',
      zoomUser: null,
      disabledAt: null,
    });
  }, 30_000);

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  it('deletes sessions past their absolute end and keeps live ones', async () => {
    await runInTransaction(dataSource, (m) => sessions.create(m, 'u1', meta));
    clock.advance(11 * HOUR);
    const live = await runInTransaction(dataSource, (m) => sessions.create(m, 'u1', meta));
    clock.advance(1.5 * HOUR);
    expect(await janitor.sweep()).toMatchObject({ sessions: 1 });
    expect((await dataSource.getRepository(SessionEntity).find()).map((s) => s.id)).toEqual([
      live.session.id,
    ]);
  });

  it('forgets login failures after a day, but not while a block lasts', async () => {
    const fail = async (email: string) => {
      const admission = await throttles.admit(email, null);
      if (admission.admitted) await throttles.failed(admission.attempt);
    };
    await fail('old@example.test');
    clock.advance(25 * HOUR);
    for (let i = 0; i < 6; i++) await fail('blocked@example.test');
    expect(await throttles.retryAfterSeconds('blocked@example.test', null)).toBeGreaterThan(0);
    expect(await janitor.sweep()).toMatchObject({ throttles: 1 });
    expect(await throttles.retryAfterSeconds('blocked@example.test', null)).toBeGreaterThan(0);
  });
});
