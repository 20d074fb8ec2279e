import {
  ConfigError,
  envSchema,
  isLoopbackHost,
  parseDatabaseUrl,
  parseEncryptionKeys,
} from './config.schema';
import type { DatabaseTarget, EncryptionKey } from './config.schema';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  port: number;
  publicUrl: string;
  database: DatabaseTarget;
  dataDir: string;
  /** Undefined only before embedded secrets are resolved; never undefined in production. */
  encryptionKeys: EncryptionKey[] | undefined;
  sessionSecret: string | undefined;
  bootstrapAdmin: { email: string; password: string } | undefined;
  zoom: {
    clientId?: string;
    clientSecret?: string;
    webhookSecretToken?: string;
    oauthBaseUrl: string;
    /** Where browsers are sent to consent: `${oauthBaseUrl}/oauth/authorize`, or the public sandbox page. */
    authorizeUrl: string;
    apiBaseUrl: string;
  };
  google: {
    clientId?: string;
    clientSecret?: string;
    authUrl: string;
    tokenUrl: string;
    revokeUrl: string;
    apiRootUrl: string;
    /**
     * How often each watched calendar is read for changes when no push notification came: the backstop
     * for notifications Google does not guarantee.
     */
    syncIntervalSeconds: number;
  };
  sandbox: boolean;
  worker: boolean;
  logLevel: string;
  bodyLimit: string;
  dashboardDir: string | undefined;
  metricsToken: string | undefined;
  /** Express `trust proxy`: which reverse proxies may set X-Forwarded-For (client address, https). */
  trustProxy: boolean | number | string;
  /** Requests per minute per API key, per API process. */
  apiKeyRateLimit: number;
  /**
   * How long a browser's repeated uses of a patient link are counted into one audit row after its
   * first use was committed (`JoinUseAudit`); 0 commits every use as a row of its own before answering.
   */
  joinAuditRepeatSeconds: number;
}

function parseTrustProxy(raw: string): boolean | number | string {
  if (raw === 'false' || raw === 'true') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function bothOrNeither(env: Record<string, unknown>, a: string, b: string): void {
  if (Boolean(env[a]) !== Boolean(env[b])) {
    const missing = env[a] ? b : a;
    throw new ConfigError(missing, `is required when ${missing === a ? b : a} is set`);
  }
}

function requireHttpsOrLoopback(name: string, raw: string): void {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(name, 'must use https in production (plain http is allowed only to loopback)');
  }
}

/**
 * Reads and validates the environment. Throws a ConfigError whose message is one line naming the
 * first bad variable. Pure: generating embedded secrets is a separate step (embedded-secrets.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const shown =
      issue?.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue?.message;
    throw new ConfigError(variable, (shown ?? 'is invalid').replace(/^Invalid input: /, 'is invalid: '));
  }
  const e = parsed.data;
  bothOrNeither(e, 'ZOOM_CLIENT_ID', 'ZOOM_CLIENT_SECRET');
  bothOrNeither(e, 'GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET');
  bothOrNeither(e, 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD');

  const production = e.NODE_ENV === 'production';
  const vendorCredentials = Boolean(e.ZOOM_CLIENT_ID || e.GOOGLE_CLIENT_ID);
  const sandbox = e.SANDBOX ?? (!vendorCredentials && !production);

  if (production) {
    if (!e.TOKEN_ENCRYPTION_KEYS) throw new ConfigError('TOKEN_ENCRYPTION_KEYS', 'is required in production');
    if (!e.SESSION_SECRET) throw new ConfigError('SESSION_SECRET', 'is required in production');
    if (!e.PUBLIC_URL) throw new ConfigError('PUBLIC_URL', 'is required in production');
    const vendorUrls = [
      'ZOOM_OAUTH_BASE_URL',
      'ZOOM_API_BASE_URL',
      'GOOGLE_AUTH_URL',
      'GOOGLE_TOKEN_URL',
      'GOOGLE_REVOKE_URL',
      'GOOGLE_API_ROOT_URL',
    ] as const;
    for (const name of vendorUrls) requireHttpsOrLoopback(name, e[name]);
    // Over http the session cookie loses Secure and __Host-, and HSTS is not sent.
    requireHttpsOrLoopback('PUBLIC_URL', e.PUBLIC_URL);
    // Zoom's Marketplace requires app_deauthorized to be handled; without the token every Zoom webhook
    // is answered 404 and a removed app's tokens would never be purged.
    if (e.ZOOM_CLIENT_ID && !e.ZOOM_WEBHOOK_SECRET_TOKEN) {
      throw new ConfigError(
        'ZOOM_WEBHOOK_SECRET_TOKEN',
        "is required in production when ZOOM_CLIENT_ID is set (Zoom's app_deauthorized webhook needs it)",
      );
    }
  }

  return {
    nodeEnv: e.NODE_ENV,
    production,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    database: parseDatabaseUrl(e.DATABASE_URL),
    dataDir: e.DATA_DIR,
    encryptionKeys: e.TOKEN_ENCRYPTION_KEYS ? parseEncryptionKeys(e.TOKEN_ENCRYPTION_KEYS) : undefined,
    sessionSecret: e.SESSION_SECRET,
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: e.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(), password: e.BOOTSTRAP_ADMIN_PASSWORD }
        : undefined,
    zoom: {
      clientId: e.ZOOM_CLIENT_ID,
      clientSecret: e.ZOOM_CLIENT_SECRET,
      webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
      oauthBaseUrl: e.ZOOM_OAUTH_BASE_URL.replace(/\/+$/, ''),
      authorizeUrl: `${e.ZOOM_OAUTH_BASE_URL.replace(/\/+$/, '')}/oauth/authorize`,
      apiBaseUrl: e.ZOOM_API_BASE_URL.replace(/\/+$/, ''),
    },
    google: {
      clientId: e.GOOGLE_CLIENT_ID,
      clientSecret: e.GOOGLE_CLIENT_SECRET,
      authUrl: e.GOOGLE_AUTH_URL,
      tokenUrl: e.GOOGLE_TOKEN_URL,
      revokeUrl: e.GOOGLE_REVOKE_URL,
      apiRootUrl: e.GOOGLE_API_ROOT_URL,
      syncIntervalSeconds: e.GOOGLE_SYNC_INTERVAL_SECONDS,
    },
    sandbox,
    worker: e.WORKER,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    dashboardDir: e.DASHBOARD_DIR,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    apiKeyRateLimit: e.API_KEY_RATE_LIMIT,
    joinAuditRepeatSeconds: e.JOIN_AUDIT_REPEAT_SECONDS,
  };
}
