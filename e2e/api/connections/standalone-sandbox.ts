import { type RunningSandbox, type SandboxOptions, startSandboxServer } from '@televisit/sandbox';
import { randomBytes } from 'node:crypto';

export interface StandaloneSandbox {
  running: RunningSandbox;
  options: SandboxOptions;
  /** Environment pointing an API process at this sandbox (SANDBOX off, explicit vendor URLs and apps). */
  env: Record<string, string>;
  /** Every secret the API was configured with, for leak searches. */
  configuredSecrets: string[];
}

/** The fake vendors in the spec's own process, so several API processes can share them and specs can inspect them. */
export async function startStandaloneSandbox(): Promise<StandaloneSandbox> {
  const zoomClient = { clientId: 'spec-zoom-app', clientSecret: `zs-${randomBytes(16).toString('hex')}` };
  const googleClient = {
    clientId: 'spec-google.apps.test',
    clientSecret: `gs-${randomBytes(16).toString('hex')}`,
  };
  const webhookSecretToken = `wh-${randomBytes(16).toString('hex')}`;
  const options: SandboxOptions = {
    zoom: { client: zoomClient, webhookSecretToken },
    google: { client: googleClient },
  };
  const running = await startSandboxServer(options);
  const base = `${running.url}/sandbox`;
  return {
    running,
    options,
    configuredSecrets: [zoomClient.clientSecret, googleClient.clientSecret, webhookSecretToken],
    env: {
      SANDBOX: 'false',
      ZOOM_CLIENT_ID: zoomClient.clientId,
      ZOOM_CLIENT_SECRET: zoomClient.clientSecret,
      ZOOM_WEBHOOK_SECRET_TOKEN: webhookSecretToken,
      ZOOM_OAUTH_BASE_URL: `${base}/zoom`,
      ZOOM_API_BASE_URL: `${base}/zoom/v2`,
      GOOGLE_CLIENT_ID: googleClient.clientId,
      GOOGLE_CLIENT_SECRET: googleClient.clientSecret,
      GOOGLE_AUTH_URL: `${base}/google/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: `${base}/google/token`,
      GOOGLE_REVOKE_URL: `${base}/google/revoke`,
      GOOGLE_API_ROOT_URL: `${base}/google/`,
    },
  };
}

/**
 * Environment for API processes that must open what another one sealed (a restart, a second process on
 * the same database): the database, one fixed vault key and session secret, and `vendors`' settings.
 */
export function sharedProcessEnv(databaseUrl: string, vendors?: StandaloneSandbox): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ...vendors?.env,
  };
}
