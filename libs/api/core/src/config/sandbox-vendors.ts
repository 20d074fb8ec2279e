import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config';

const secret = () => randomBytes(24).toString('base64url');

/**
 * SANDBOX on: the vendor URLs point at the fake Zoom and Google mounted under `/sandbox`, and any
 * missing client credentials are made up for this process (the sandbox is given the same ones).
 * Browsers consent on the public URL; the server's own calls go to loopback, so a reverse proxy
 * in front of PUBLIC_URL is never in the way.
 */
export function pointVendorsAtSandbox(config: AppConfig): AppConfig {
  if (!config.sandbox) return config;
  const internal = `http://127.0.0.1:${config.port}/sandbox`;
  const browser = `${config.publicUrl}/sandbox`;
  return {
    ...config,
    zoom: {
      clientId: config.zoom.clientId ?? 'sandbox-zoom-app',
      clientSecret: config.zoom.clientSecret ?? secret(),
      webhookSecretToken: config.zoom.webhookSecretToken ?? secret(),
      oauthBaseUrl: `${internal}/zoom`,
      authorizeUrl: `${browser}/zoom/oauth/authorize`,
      apiBaseUrl: `${internal}/zoom/v2`,
    },
    google: {
      clientId: config.google.clientId ?? 'sandbox-google-client.apps.googleusercontent.com',
      clientSecret: config.google.clientSecret ?? secret(),
      authUrl: `${browser}/google/o/oauth2/v2/auth`,
      tokenUrl: `${internal}/google/token`,
      revokeUrl: `${internal}/google/revoke`,
      apiRootUrl: `${internal}/google/`,
      syncIntervalSeconds: config.google.syncIntervalSeconds,
    },
  };
}
