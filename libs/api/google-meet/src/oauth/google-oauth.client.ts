import { Inject, Injectable } from '@nestjs/common';
import { InvalidGrantError, type VendorGrant, type VendorTokens } from '@televisit/api-auth';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import { HttpClient } from '@televisit/api-http';
import { OAuth2Client } from 'google-auth-library';
import { calendar } from 'googleapis/build/src/apis/calendar';
import { hardenedFetch } from '../hardened-fetch';

/** What televisit asks Google for: Calendar events only (not the whole calendar), and who the account is. */
export const GOOGLE_CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const GOOGLE_SCOPES = ['openid', 'email', GOOGLE_CALENDAR_SCOPE] as const;

/**
 * Google OAuth through google-auth-library, with the endpoints from configuration and every request
 * sent by the hardened HTTP client.
 */
@Injectable()
export class GoogleOAuthClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpClient,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.google.clientId && this.config.google.clientSecret);
  }

  /** A client for one use (token calls) or for one connection's API calls (with its credentials). */
  client(redirectUri?: string): OAuth2Client {
    const { clientId, clientSecret, authUrl, tokenUrl, revokeUrl } = this.config.google;
    return new OAuth2Client({
      clientId,
      clientSecret,
      ...(redirectUri ? { redirectUri } : {}),
      endpoints: { oauth2AuthBaseUrl: authUrl, oauth2TokenUrl: tokenUrl, oauth2RevokeUrl: revokeUrl },
      transporterOptions: { fetchImplementation: hardenedFetch(this.http) },
    });
  }

  async exchangeCode(code: string, codeVerifier: string, redirectUri: string): Promise<VendorGrant> {
    const started = Date.now();
    const { tokens } = await this.client(redirectUri).getToken({
      code,
      codeVerifier,
      redirect_uri: redirectUri,
    });
    if (!tokens.access_token) throw new Error('Google answered without an access token');
    const identity = idTokenClaims(tokens.id_token);
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: new Date(tokens.expiry_date ?? started + 3600_000),
      scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
      accountId: identity.sub,
      accountEmail: identity.email ?? null,
    };
  }

  async refresh(refreshToken: string): Promise<VendorTokens> {
    try {
      const client = this.client();
      client.setCredentials({ refresh_token: refreshToken });
      await client.getAccessToken();
      const tokens = client.credentials;
      if (!tokens.access_token) throw new Error('Google answered without an access token');
      return {
        accessToken: tokens.access_token,
        // Google refresh tokens do not rotate: keep the stored one.
        refreshToken: tokens.refresh_token ?? null,
        expiresAt: new Date(tokens.expiry_date ?? Date.now() + 3600_000),
        scopes: (tokens.scope ?? '').split(' ').filter(Boolean),
      };
    } catch (error) {
      if (isInvalidGrant(error)) throw new InvalidGrantError('google');
      throw error;
    }
  }

  /** One event of the primary calendar: works exactly when the calendar.events grant does. */
  async checkCalendar(accessToken: string): Promise<void> {
    const client = this.client();
    client.setCredentials({ access_token: accessToken });
    // googleapis keeps only the origin of a client-wide rootUrl; per call it keeps the path too.
    await calendar({ version: 'v3', auth: client }).events.list(
      { calendarId: 'primary', maxResults: 1 },
      { rootUrl: this.config.google.apiRootUrl },
    );
  }

  async revoke(token: string): Promise<void> {
    await this.client().revokeToken(token);
  }
}

/**
 * The account behind a grant. The ID token came straight from Google's token endpoint over TLS, so its
 * claims are read without checking the signature (OpenID Connect Core 3.1.3.7).
 */
function idTokenClaims(idToken: string | null | undefined): { sub: string; email?: string } {
  const payload = idToken?.split('.')[1];
  if (!payload) throw new Error('Google answered without an ID token: the openid scope is required');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub?: unknown;
    email?: unknown;
  };
  if (typeof claims.sub !== 'string') throw new Error('the Google ID token has no subject');
  return { sub: claims.sub, ...(typeof claims.email === 'string' ? { email: claims.email } : {}) };
}

function isInvalidGrant(error: unknown): boolean {
  const data = (error as { response?: { data?: { error?: unknown } } })?.response?.data;
  return data?.error === 'invalid_grant' || (error as Error)?.message === 'invalid_grant';
}
