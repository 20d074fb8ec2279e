import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import { HttpClient, type HttpMethod, type HttpResponse } from '@televisit/api-http';
import { zoomDailyCapReset } from './zoom-daily-cap';

/** A Zoom REST answer that was not a success; `code` is Zoom's numeric error code when given. */
export class ZoomApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(`Zoom API answered ${status}${code === undefined ? '' : ` (code ${code})`}`);
    this.name = 'ZoomApiError';
  }
}

export interface ZoomUser {
  id: string;
  email: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
}

/** Thin Zoom REST client (`ZOOM_API_BASE_URL`) over the hardened HTTP client; no business rules. */
@Injectable()
export class ZoomApiClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpClient,
  ) {}

  me(accessToken: string): Promise<ZoomUser> {
    return this.call<ZoomUser>('GET', '/users/me', accessToken);
  }

  async call<T>(
    method: HttpMethod,
    path: string,
    accessToken: string,
    options: { body?: object; redact?: string[] } = {},
  ): Promise<T> {
    const response = await this.http.request({
      method,
      url: `${this.config.zoom.apiBaseUrl}${path}`,
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      ...(options.body ? { body: options.body } : {}),
      ...(options.redact ? { redact: options.redact } : {}),
      quotaReset: zoomDailyCapReset,
    });
    if (response.status >= 300) throw new ZoomApiError(response.status, zoomCode(response));
    return (response.body.length ? response.json<T>() : undefined) as T;
  }
}

function zoomCode(response: HttpResponse): number | undefined {
  try {
    const code = response.json<{ code?: unknown }>()?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}
