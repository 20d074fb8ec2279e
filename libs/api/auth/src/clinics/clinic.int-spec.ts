import { Test } from '@nestjs/testing';
import { getRepositoryToken } from '@nestjs/typeorm';
import { CoreModule, loadConfig } from '@televisit/api-core';
import { DatabaseModule, DatabaseReadinessCheck } from '@televisit/api-database';
import { describeEachEngine, type TestDatabase } from '@televisit/testing';
import { randomBytes } from 'node:crypto';
import type { Repository } from 'typeorm';
import { AuthModule } from '../auth.module';
import { BookableProviders } from '../users/bookable-providers';
import { UserEntity } from '../users/user.entity';
import { ClinicEntity } from './clinic.entity';

describeEachEngine('clinics through the Nest database module', (engine) => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let clinics: Repository<ClinicEntity>;
  let users: Repository<UserEntity>;
  let bookable: BookableProviders;
  let readiness: DatabaseReadinessCheck;

  beforeAll(async () => {
    db = await engine.create();
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(config, []), DatabaseModule.forRoot(config), AuthModule],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    close = () => app.close();
    clinics = moduleRef.get(getRepositoryToken(ClinicEntity));
    users = moduleRef.get(getRepositoryToken(UserEntity));
    bookable = moduleRef.get(BookableProviders);
    readiness = moduleRef.get(DatabaseReadinessCheck);
  }, 30_000);

  afterAll(async () => {
    await close?.();
    await db?.drop();
  });

  it('migrates at start outside production and reports ready', async () => {
    const results = await readiness.check();
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['database', 'up'],
      ['migrations', 'up'],
    ]);
    expect(results[0]?.detail).toMatch(engine.name === 'sqlite' ? /^sqlite, \d+ ms$/ : /^mysql, \d+ ms$/);
  });

  it('saves and reads a clinic with its timestamps', async () => {
    const before = Date.now();
    await clinics.save(clinics.create({ id: 'clinic-a', name: 'Clínica Sol ☀', timezone: 'America/Bogota' }));
    const found = await clinics.findOneByOrFail({ id: 'clinic-a' });
    expect(found.name).toBe('Clínica Sol ☀');
    expect(found.timezone).toBe('America/Bogota');
    expect(found.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(found.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('finds a bookable provider with the clinic’s meeting topic, and nobody else', async () => {
    await clinics.save(
      clinics.create({ id: 'clinic-b', name: 'B', timezone: 'UTC', meetingTopic: 'Consulta' }),
    );
    const user = (id: string, over: Partial<UserEntity>) =>
      users.save(
        users.create({
          id,
          clinicId: 'clinic-b',
          email: `${id}@clinic-b.test`,
          name: id,
          role: 'provider',
          passwordHash: 'x',
          zoomUser: null,
          disabledAt: null,
          ...over,
        }),
      );
    await user('provider-b', {});
    await user('admin-b', { role: 'clinic_admin' });
    await user('gone-b', { disabledAt: new Date() });
    await user('clinicless', { clinicId: null });
    expect(await bookable.find('provider-b')).toEqual({
      id: 'provider-b',
      clinicId: 'clinic-b',
      meetingTopic: 'Consulta',
    });
    expect(await bookable.find('admin-b')).toBeNull();
    expect(await bookable.find('gone-b')).toBeNull();
    expect(await bookable.find('clinicless')).toBeNull();
    expect(await bookable.find('nobody')).toBeNull();
  });
});
