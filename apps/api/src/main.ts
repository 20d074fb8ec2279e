import 'reflect-metadata';
import { configOrExit } from './app/load-config';
import { createApp } from './app/create-app';

async function main(): Promise<void> {
  const config = configOrExit();
  const { app, dashboard } = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  const url = config.publicUrl;
  const mode = config.production ? 'production' : `embedded (${config.database.engine})`;
  process.stdout.write(
    `\ntelevisit is running in ${mode} mode at ${url}\n` +
      `  dashboard   ${dashboard ? url : '(not built: run npm run build)'}\n` +
      `  API docs    ${url}/api/docs\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `televisit failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
