import { isIP } from 'node:net';
import { z } from 'zod';

/** Thrown when the environment cannot start televisit; `message` is the one line printed at boot. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_HOSTS.has(host)) return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const optionalText = z.string().trim().min(1).optional();
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
export interface EncryptionKey {
  kid: string;
  key: Buffer;
}

/** Parses `kid:base64(32 bytes)[,kid:base64…]`; the first key seals, all open. */
export function parseEncryptionKeys(raw: string): EncryptionKey[] {
  const entries = raw.split(',').map((part) => part.trim());
  const keys = entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const kid = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(kid) || key.length !== 32) {
      throw new ConfigError(
        'TOKEN_ENCRYPTION_KEYS',
        `entry ${index + 1} must be kid:base64 of 32 bytes (kid: letters, digits, - or _)`,
      );
    }
    return { kid, key };
  });
  if (new Set(keys.map((k) => k.kid)).size !== keys.length) {
    throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'has a repeated key id');
  }
  return keys;
}

export type DatabaseTarget =
  | { engine: 'sqlite'; path: string }
  | { engine: 'mysql'; host: string; port: number; user: string; password: string; database: string };

/** `sqlite:PATH` or `mysql://user:pass@host:port/db` (MySQL 8 / MariaDB 10.6+). */
export function parseDatabaseUrl(raw: string): DatabaseTarget {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) throw new ConfigError('DATABASE_URL', 'must name a file after sqlite:');
    return { engine: 'sqlite', path };
  }
  if (/^(mysql|mariadb):\/\//.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid mysql:// URL');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!url.hostname || !database) {
      throw new ConfigError('DATABASE_URL', 'must be mysql://user:pass@host:port/database');
    }
    return {
      engine: 'mysql',
      host: url.hostname,
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
      database,
    };
  }
  throw new ConfigError('DATABASE_URL', 'must be sqlite:PATH or mysql://user:pass@host:port/database');
}

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_URL: z.string().trim().min(1).default('sqlite:./data/televisit.sqlite'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  TOKEN_ENCRYPTION_KEYS: optionalText,
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  BOOTSTRAP_ADMIN_EMAIL: z.email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  ZOOM_CLIENT_ID: optionalText,
  ZOOM_CLIENT_SECRET: optionalText,
  ZOOM_WEBHOOK_SECRET_TOKEN: optionalText,
  ZOOM_OAUTH_BASE_URL: httpUrl.default('https://zoom.us'),
  ZOOM_API_BASE_URL: httpUrl.default('https://api.zoom.us/v2'),
  GOOGLE_CLIENT_ID: optionalText,
  GOOGLE_CLIENT_SECRET: optionalText,
  GOOGLE_AUTH_URL: httpUrl.default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: httpUrl.default('https://oauth2.googleapis.com/token'),
  GOOGLE_REVOKE_URL: httpUrl.default('https://oauth2.googleapis.com/revoke'),
  GOOGLE_API_ROOT_URL: httpUrl.default('https://www.googleapis.com/'),
  SANDBOX: flag.optional(),
  WORKER: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb')
    .default('100kb'),
  DASHBOARD_DIR: optionalText,
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(600),
  JOIN_AUDIT_REPEAT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  GOOGLE_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d{1,2}|loopback|[0-9a-fA-F.:/,\s]+)$/,
      'must be false, a hop count, loopback or addresses',
    )
    .default('false'),
});
