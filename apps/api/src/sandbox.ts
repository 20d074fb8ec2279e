import { startSandboxServer } from '@televisit/sandbox';
import { randomBytes } from 'node:crypto';

/**
 * The fake Zoom and Google as a process of their own, for benchmarks and multi-process runs:
 * `node dist/apps/api/sandbox.js`. Prints the environment that points an API process at it.
 * SANDBOX_PORT (default 0: any free port), ZOOM_*, GOOGLE_* client credentials (made up when unset),
 * ZOOM_WEBHOOK_SECRET_TOKEN and ZOOM_WEBHOOK_URL (where signed Zoom events go).
 */
async function main(): Promise<void> {
  const env = process.env;
  const made = () => randomBytes(24).toString('base64url');
  const zoom = {
    clientId: env['ZOOM_CLIENT_ID'] ?? 'sandbox-zoom-app',
    clientSecret: env['ZOOM_CLIENT_SECRET'] ?? made(),
  };
  const google = {
    clientId: env['GOOGLE_CLIENT_ID'] ?? 'sandbox-google-client.apps.googleusercontent.com',
    clientSecret: env['GOOGLE_CLIENT_SECRET'] ?? made(),
  };
  const webhookSecretToken = env['ZOOM_WEBHOOK_SECRET_TOKEN'] ?? made();
  const webhookUrl = env['ZOOM_WEBHOOK_URL'];
  const running = await startSandboxServer(
    {
      zoom: { client: zoom, webhookSecretToken, ...(webhookUrl ? { webhookUrl } : {}) },
      google: { client: google },
    },
    Number(env['SANDBOX_PORT'] ?? 0),
  );
  const base = `${running.url}/sandbox`;
  const apiEnv: Record<string, string> = {
    SANDBOX: 'false',
    ZOOM_CLIENT_ID: zoom.clientId,
    ZOOM_CLIENT_SECRET: zoom.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: webhookSecretToken,
    ZOOM_OAUTH_BASE_URL: `${base}/zoom`,
    ZOOM_API_BASE_URL: `${base}/zoom/v2`,
    GOOGLE_CLIENT_ID: google.clientId,
    GOOGLE_CLIENT_SECRET: google.clientSecret,
    GOOGLE_AUTH_URL: `${base}/google/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${base}/google/token`,
    GOOGLE_REVOKE_URL: `${base}/google/revoke`,
    GOOGLE_API_ROOT_URL: `${base}/google/`,
  };
  // One JSON line first, for scripts; then the same for people.
  process.stdout.write(`${JSON.stringify({ url: running.url, env: apiEnv })}\n`);
  process.stdout.write(
    `\nfake Zoom and Google listening at ${base} (controls at ${base}/_control)\n` +
      `point an API at them with:\n${Object.entries(apiEnv)
        .map(([k, v]) => `  ${k}=${v}`)
        .join('\n')}\n`,
  );
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `the sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
