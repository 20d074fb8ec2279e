import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config';
import { ConfigError, parseEncryptionKeys } from './config.schema';

interface EmbeddedSecretsFile {
  tokenEncryptionKeys: string;
  sessionSecret: string;
}

export const EMBEDDED_SECRETS_FILE = 'secrets.json';

/**
 * Embedded mode only: fills missing keys from `DATA_DIR/secrets.json`, creating it (mode 0600) on
 * first start, so that `npm start` needs no setup and restarts keep opening what they sealed.
 * Production never gets here without explicit keys (loadConfig refuses).
 */
export function resolveEmbeddedSecrets(config: AppConfig): AppConfig {
  if (config.encryptionKeys && config.sessionSecret) return config;
  if (config.production) throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'is required in production');
  const file = join(config.dataDir, EMBEDDED_SECRETS_FILE);
  let stored: EmbeddedSecretsFile;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as EmbeddedSecretsFile;
  } else {
    stored = {
      tokenEncryptionKeys: `k1:${randomBytes(32).toString('base64')}`,
      sessionSecret: randomBytes(32).toString('base64url'),
    };
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return {
    ...config,
    encryptionKeys: config.encryptionKeys ?? parseEncryptionKeys(stored.tokenEncryptionKeys),
    sessionSecret: config.sessionSecret ?? stored.sessionSecret,
  };
}
