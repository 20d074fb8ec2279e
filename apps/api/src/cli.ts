import 'reflect-metadata';
import { AUDIT_ENTITIES, formatAuditVerifyResult, verifyAuditChain } from '@televisit/api-audit';
import { buildOpenApiDocument } from '@televisit/api-core';
import { dataSourceOptions, migrate, resealColumns, SEALED_COLUMNS } from '@televisit/api-database';
import { DataSource } from 'typeorm';
import { configOrExit } from './app/load-config';
import { createApp } from './app/create-app';

const USAGE = `usage: node dist/apps/api/cli.js <command>
  migrate            apply pending migrations to DATABASE_URL
  migrate:down [N]   revert the last N migrations (default 1)
  audit:verify       check the audit chain; exit 1 naming the first tampered row
  keys:rotate        re-seal every stored secret under the first key of TOKEN_ENCRYPTION_KEYS
  openapi            print the OpenAPI document (JSON) to stdout`;

async function run(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'migrate': {
      const config = configOrExit();
      const ran = await migrate(config.database, 'up');
      process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'no pending migrations\n');
      return;
    }
    case 'migrate:down': {
      const config = configOrExit();
      const steps = Number(args[0] ?? '1');
      if (!Number.isInteger(steps) || steps < 1)
        throw new Error('migrate:down takes a positive number of steps');
      const reverted = await migrate(config.database, 'down', steps);
      process.stdout.write(reverted.length ? `reverted: ${reverted.join(', ')}\n` : 'nothing to revert\n');
      return;
    }
    case 'openapi': {
      // A throwaway in-memory database: the document depends on code only.
      const config = configOrExit({
        ...process.env,
        DATABASE_URL: 'sqlite::memory:',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      });
      const { app } = await createApp({ ...config, dashboardDir: '/nonexistent' });
      await app.init();
      process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
      await app.close();
      return;
    }
    case 'audit:verify': {
      const config = configOrExit();
      const dataSource = new DataSource({ ...dataSourceOptions(config.database), entities: AUDIT_ENTITIES });
      await dataSource.initialize();
      try {
        const result = await verifyAuditChain(dataSource);
        process.stdout.write(`${formatAuditVerifyResult(result)}\n`);
        if (!result.ok) process.exitCode = 1;
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    case 'keys:rotate': {
      const config = configOrExit();
      const dataSource = await new DataSource(dataSourceOptions(config.database)).initialize();
      try {
        const report = await resealColumns(dataSource, SEALED_COLUMNS, config.encryptionKeys ?? []);
        process.stdout.write(
          `re-sealed ${report.resealed} secrets under key "${config.encryptionKeys?.[0]?.kid}" ` +
            `(${report.alreadyCurrent} already current, ${SEALED_COLUMNS.length} sealed columns)\n`,
        );
        for (const f of report.failed) {
          process.stderr.write(
            `could not open ${f.table}.${f.column} of row ${f.rowId}: is its key still configured?\n`,
          );
        }
        if (report.failed.length) process.exitCode = 1;
      } finally {
        await dataSource.destroy();
      }
      return;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = command ? 2 : 0;
  }
}

run(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
