import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import { InvalidGrantError, type VendorTokens } from '@televisit/api-auth';
import { HttpClient, type HttpResponse } from '@televisit/api-http';

interface ZoomTokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  reason?: string;
}

/** A Zoom token answer that was not a token. `code` is Zoom's `error` (e.g. invalid_client). */
export class ZoomOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Zoom OAuth answered ${status} ${code}`);
    this.name = 'ZoomOAuthError';
  }
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Zoom's OAuth endpoints (`/oauth/token`, `/oauth/revoke`) through the hardened HTTP client. Zoom
 * wants the client authenticated with HTTP Basic. Token requests are never retried: a refresh that
 * reached Zoom has already rotated the refresh token, and repeating it would answer invalid_grant.
 */
@Injectable()
export class ZoomTokenClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpClient,
  ) {}

  /** The user-OAuth app of this server. */
  get userApp(): ClientCredentials | undefined {
    const { clientId, clientSecret } = this.config.zoom;
    return clientId && clientSecret ? { clientId, clientSecret } : undefined;
  }

  exchangeCode(code: string, redirectUri: string, codeVerifier: string): Promise<VendorTokens> {
    return this.token(this.requireUserApp(), {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
    });
  }

  refresh(refreshToken: string): Promise<VendorTokens> {
    return this.token(this.requireUserApp(), { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Server-to-Server: an account token, no refresh token. */
  accountToken(accountId: string, app: ClientCredentials): Promise<VendorTokens> {
    return this.token(app, { grant_type: 'account_credentials', account_id: accountId });
  }

  async revoke(token: string, app: ClientCredentials = this.requireUserApp()): Promise<void> {
    const response = await this.post('/oauth/revoke', app, { token });
    if (response.status !== 200) throw new ZoomOAuthError(response.status, errorCode(response));
  }

  private requireUserApp(): ClientCredentials {
    const app = this.userApp;
    if (!app) throw new Error('ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET are not configured');
    return app;
  }

  private async token(app: ClientCredentials, form: Record<string, string>): Promise<VendorTokens> {
    const started = Date.now();
    const response = await this.post('/oauth/token', app, form);
    const answer = parse(response);
    if (response.status === 400 && answer.error === 'invalid_grant') throw new InvalidGrantError('zoom');
    if (response.status !== 200 || !answer.access_token || typeof answer.expires_in !== 'number') {
      throw new ZoomOAuthError(response.status, answer.error ?? 'invalid_response');
    }
    return {
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? null,
      // Counted from when we asked, so clock skew and latency only make us refresh earlier.
      expiresAt: new Date(started + answer.expires_in * 1000),
      scopes: (answer.scope ?? '').split(/[ ,]+/).filter(Boolean),
    };
  }

  private post(path: string, app: ClientCredentials, form: Record<string, string>): Promise<HttpResponse> {
    const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
    return this.http.request({
      method: 'POST',
      url: `${this.config.zoom.oauthBaseUrl}${path}`,
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams(form).toString(),
      retry: { attempts: 1 },
    });
  }
}

function parse(response: HttpResponse): ZoomTokenAnswer {
  try {
    return response.json<ZoomTokenAnswer>() ?? {};
  } catch {
    return {};
  }
}

function errorCode(response: HttpResponse): string {
  return parse(response).error ?? 'unexpected_status';
}
