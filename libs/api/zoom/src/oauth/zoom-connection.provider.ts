import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type ConnectionProvider,
  AccessTokenRejectedError,
  ConnectionProviders,
  createConnectStrategy,
  type VendorGrant,
  type VendorTokens,
} from '@televisit/api-auth';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import type { Strategy } from 'passport';
import type { StateStore } from 'passport-oauth2';
import { ZoomApiClient, ZoomApiError } from '../zoom-api.client';
import { ZoomTokenClient } from './zoom-token.client';

import { missingZoomScopes } from './zoom-scopes';

/** Zoom user-managed OAuth for the connect flow; registered with auth at start. */
@Injectable()
export class ZoomConnectionProvider implements ConnectionProvider, OnModuleInit {
  readonly vendor = 'zoom';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ConnectionProviders,
    private readonly tokens: ZoomTokenClient,
    private readonly api: ZoomApiClient,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  missingScopes(granted: readonly string[]): string[] {
    return missingZoomScopes(granted);
  }

  get configured(): boolean {
    return this.tokens.userApp !== undefined;
  }

  createStrategy(store: StateStore, callbackUrl: string): Strategy {
    const app = this.tokens.userApp;
    if (!app) throw new Error('Zoom is not configured');
    return createConnectStrategy(
      { name: 'zoom', authorizationUrl: this.config.zoom.authorizeUrl, ...app, callbackUrl },
      store,
      (code, verifier, redirectUri) => this.exchange(code, verifier, redirectUri),
    );
  }

  /** Zoom's code exchange, then whose account it is (`GET /users/me`). */
  private async exchange(code: string, verifier: string, redirectUri: string): Promise<VendorGrant> {
    const tokens = await this.tokens.exchangeCode(code, redirectUri, verifier);
    const user = await this.api.me(tokens.accessToken);
    return { ...tokens, accountId: user.id, accountEmail: user.email ?? null };
  }

  refresh(refreshToken: string): Promise<VendorTokens> {
    return this.tokens.refresh(refreshToken);
  }

  async check(accessToken: string): Promise<void> {
    try {
      await this.api.me(accessToken);
    } catch (error) {
      if (error instanceof ZoomApiError && error.status === 401) throw new AccessTokenRejectedError('zoom');
      throw error;
    }
  }

  revoke(token: string): Promise<void> {
    return this.tokens.revoke(token);
  }
}
