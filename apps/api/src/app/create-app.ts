import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, configureHttp } from '@televisit/api-core';
import { join } from 'node:path';
import { AppModule } from './app.module';

/** Where the built dashboard sits next to the built API (dist/apps/dashboard). */
export function defaultDashboardDir(): string {
  return join(__dirname, '..', 'dashboard');
}

export async function createApp(config: AppConfig): Promise<{ app: INestApplication; dashboard: boolean }> {
  const app = await NestFactory.create(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  const { dashboard } = configureHttp(app, config, config.dashboardDir ?? defaultDashboardDir());
  return { app, dashboard };
}
