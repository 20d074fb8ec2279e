import {
  type AppConfig,
  ConfigError,
  loadConfig,
  pointVendorsAtSandbox,
  resolveEmbeddedSecrets,
} from '@televisit/api-core';

/** Validated configuration, or exit 1 with the one line that names the bad variable. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return pointVendorsAtSandbox(resolveEmbeddedSecrets(loadConfig(env)));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
