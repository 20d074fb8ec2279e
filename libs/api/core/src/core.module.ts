import {
  type DynamicModule,
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import { Clock, SystemClock } from './clock';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { ProblemFilter } from './errors/problem.filter';
import { CredentialFixes } from './events/credential-fixes';
import { LoggingModule } from './logging/logging.module';
import { HttpMetricsMiddleware } from './operations/http-metrics.middleware';
import { OperationsModule } from './operations/operations.module';
import type { ReadinessCheck } from './operations/readiness';
import { JsonBodyMiddleware } from './web/body-parser.middleware';

/**
 * Cross-cutting HTTP behaviour every televisit API shares: validated config, JSON logs, problem+json
 * errors, zod validation of every DTO, body parsing limits, health and metrics.
 */
@Module({})
@Global()
export class CoreModule implements NestModule {
  static forRoot(config: AppConfig, readinessChecks: Array<Type<ReadinessCheck>>): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config.logLevel),
        OperationsModule.forRoot(readinessChecks),
      ],
      providers: [
        { provide: Clock, useClass: SystemClock },
        CredentialFixes,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
      ],
      exports: [Clock, CredentialFixes],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware, JsonBodyMiddleware).forRoutes('*');
  }
}
