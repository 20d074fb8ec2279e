import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, configureHttp, serveAheadOfExpress } from '@televisit/api-core';
import { JoinLinkRoute } from '@televisit/api-mapping';
import { createSandbox } from '@televisit/sandbox';
import type express from 'express';
import { join } from 'node:path';
import { AppModule } from './app.module';

/** Where the built dashboard sits next to the built API (dist/apps/dashboard). */
export function defaultDashboardDir(): string {
  return join(__dirname, '..', 'dashboard');
}

/** Routes the HTTP server answers ahead of Express and Nest (`serveAheadOfExpress`): public by construction. */
export const EDGE_ROUTES = [JoinLinkRoute] as const;

export async function createApp(config: AppConfig): Promise<{ app: INestApplication; dashboard: boolean }> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  if (config.sandbox) mountSandbox(app, config);
  const { dashboard } = configureHttp(app, config, config.dashboardDir ?? defaultDashboardDir());
  serveAheadOfExpress(
    app,
    EDGE_ROUTES.map((route) => app.get(route)),
    { https: config.publicUrl.startsWith('https:') },
  );
  return { app, dashboard };
}

/** The fake Zoom and Google under /sandbox, sharing this server's made-up client credentials. */
function mountSandbox(app: INestApplication, config: AppConfig): void {
  const { zoom, google } = config;
  if (!zoom.clientId || !zoom.clientSecret || !google.clientId || !google.clientSecret) {
    throw new Error('SANDBOX is on but the vendor credentials were not made up (pointVendorsAtSandbox)');
  }
  const sandbox = createSandbox({
    zoom: {
      client: { clientId: zoom.clientId, clientSecret: zoom.clientSecret },
      ...(zoom.webhookSecretToken ? { webhookSecretToken: zoom.webhookSecretToken } : {}),
      webhookUrl: `http://127.0.0.1:${config.port}/api/v1/webhooks/zoom`,
    },
    google: { client: { clientId: google.clientId, clientSecret: google.clientSecret } },
  });
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.use('/sandbox', sandbox.router);
}
