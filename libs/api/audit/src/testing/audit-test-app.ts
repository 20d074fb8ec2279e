import { Global, type INestApplication, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Clock, loadConfig, ManualClock, type Principal, ProblemFilter } from '@televisit/api-core';
import { DatabaseModule } from '@televisit/api-database';
import type { NextFunction, Request, Response } from 'express';
import { ZodValidationPipe } from 'nestjs-zod';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit.module';
import { GENESIS_HASH } from '../chain/chain-hash';
import { AuditEventEntity } from '../events/audit-event.entity';
import { AUDIT_HEAD_ID, AuditHeadEntity } from '../events/audit-head.entity';
import { AuditService } from '../recording/audit.service';

export const PRINCIPAL_HEADER = 'x-test-principal';

export interface AuditTestApp {
  app: INestApplication;
  dataSource: DataSource;
  audit: AuditService;
  clock: ManualClock;
  /** GET on the running app, as `principal` (JSON in a test header, see below). */
  get(path: string, principal?: Principal): Promise<{ status: number; type: string; body: unknown }>;
  /** An empty chain again: no events, the head back at genesis. */
  resetChain(): Promise<void>;
  rows(): Promise<AuditEventEntity[]>;
  head(): Promise<AuditHeadEntity>;
  close(): Promise<void>;
}

/**
 * For specs: AuditModule on the real database module, with a manual clock, the global zod pipe and
 * problem filter. The caller is set by a test middleware from a header; in the application the
 * auth module's guard resolves it instead.
 */
export async function startAuditTestApp(databaseUrl: string): Promise<AuditTestApp> {
  const clock = new ManualClock(new Date('2026-05-04T08:00:00.000Z'));
  @Global()
  @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
  class TestClockModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      TestClockModule,
      DatabaseModule.forRoot(loadConfig({ DATABASE_URL: databaseUrl, NODE_ENV: 'test' })),
      AuditModule,
    ],
    providers: [
      { provide: APP_PIPE, useClass: ZodValidationPipe },
      { provide: APP_FILTER, useClass: ProblemFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers[PRINCIPAL_HEADER];
    if (typeof header === 'string') req.principal = JSON.parse(header) as Principal;
    next();
  });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const dataSource = moduleRef.get(DataSource);

  return {
    app,
    dataSource,
    audit: moduleRef.get(AuditService),
    clock,
    async get(path, principal) {
      const res = await fetch(`${baseUrl}${path}`, {
        headers: principal ? { [PRINCIPAL_HEADER]: JSON.stringify(principal) } : {},
      });
      const text = await res.text();
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        body: text ? (JSON.parse(text) as unknown) : null,
      };
    },
    async resetChain() {
      await dataSource.createQueryBuilder().delete().from(AuditEventEntity).execute();
      await dataSource
        .getRepository(AuditHeadEntity)
        .update({ id: AUDIT_HEAD_ID }, { seq: 0, hash: GENESIS_HASH });
    },
    rows: () => dataSource.getRepository(AuditEventEntity).find({ order: { seq: 'ASC' } }),
    head: () => dataSource.getRepository(AuditHeadEntity).findOneByOrFail({ id: AUDIT_HEAD_ID }),
    close: () => app.close(),
  };
}
