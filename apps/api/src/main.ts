import 'reflect-metadata';
import { BootstrapService, type DemoLogin } from '@televisit/api-auth';
import { configOrExit } from './app/load-config';
import { createApp } from './app/create-app';

function demoLines(logins: DemoLogin[]): string {
  if (!logins.length) return '';
  const width = Math.max(...logins.map((l) => l.email.length));
  const rows = logins.map(
    (l) => `    ${l.email.padEnd(width)}  ${l.password}   ${l.role.replace('_', ' ')}, ${l.name}`,
  );
  return `  demo logins (embedded mode only; kept in DATA_DIR/demo-logins.json):\n${rows.join('\n')}\n`;
}

async function main(): Promise<void> {
  const config = configOrExit();
  const { app, dashboard } = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const url = config.publicUrl;
  const mode = config.production ? 'production' : `embedded (${config.database.engine})`;
  process.stdout.write(
    `\ntelevisit is running in ${mode} mode at ${url}\n` +
      `  dashboard   ${dashboard ? url : '(not built: run npm run build)'}\n` +
      `  API docs    ${url}/api/docs\n` +
      demoLines(app.get(BootstrapService).demoLogins) +
      '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `televisit failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
