import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '@televisit/api-core';
import { dataSourceOptions } from './data-source-options';
import { DatabaseReadinessCheck } from './database-readiness.check';

/**
 * The one database connection. Feature modules register their entities with
 * `TypeOrmModule.forFeature`. Migrations run at start outside production (embedded mode);
 * production runs `migrate` explicitly before starting.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(config.database),
          autoLoadEntities: true,
          migrationsRun: !config.production,
          retryAttempts: config.production ? 10 : 1,
          retryDelay: 2000,
        }),
      ],
      providers: [DatabaseReadinessCheck],
      exports: [DatabaseReadinessCheck],
    };
  }
}
