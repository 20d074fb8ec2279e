import type { INestApplication } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { type AppConfig, Clock, CoreModule, loadConfig, resolveEmbeddedSecrets } from '@televisit/api-core';
import { DatabaseModule } from '@televisit/api-database';
import { VaultModule } from '@televisit/api-vault';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from '../auth.module';

/** For specs: a quiet test configuration on `databaseUrl`, its embedded secrets in a fresh folder. */
export function authTestConfig(databaseUrl: string): AppConfig {
  return resolveEmbeddedSecrets(
    loadConfig({
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tv-auth-')),
    }),
  );
}

export interface AuthTestApp {
  moduleRef: TestingModule;
  app: INestApplication;
}

/**
 * For specs: AuthModule on the real core, database and vault modules, with `clock` as its clock.
 * Replicas of one API share a `config` (and so their keys); close `app` after.
 */
export async function startAuthTestApp(config: AppConfig, clock: Clock): Promise<AuthTestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule.forRoot(config, []), DatabaseModule.forRoot(config), VaultModule, AuthModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { moduleRef, app };
}
