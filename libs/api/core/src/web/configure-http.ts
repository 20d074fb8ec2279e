import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/config';
import { assignRequestId } from '../logging/request-id';
import { buildOpenApiDocument, mountOpenApi } from '../openapi/openapi';
import { answerClientErrors } from './client-errors';
import { dashboardHandlers } from './dashboard-static';
import { noStoreForApi } from './no-store';
import { securityHeaders } from './security-headers';

/**
 * Express-level wiring that must sit in front of Nest's router: security headers, `no-store` on the
 * API's answers, the dashboard's static files and SPA fallback, and the OpenAPI document and UI.
 */
export function configureHttp(
  app: INestApplication,
  config: AppConfig,
  dashboardDir: string,
): { dashboard: boolean } {
  const express = app as NestExpressApplication;
  express.useLogger(express.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.trustProxy);
  express.use(assignRequestId);
  express.use(securityHeaders({ https: config.publicUrl.startsWith('https:') }));
  express.use(noStoreForApi);
  const dashboard = dashboardHandlers(dashboardDir);
  if (dashboard) express.use(...dashboard);
  mountOpenApi(express, buildOpenApiDocument(express));
  answerClientErrors(express.getHttpServer());
  express.enableShutdownHooks();
  return { dashboard: Boolean(dashboard) };
}
