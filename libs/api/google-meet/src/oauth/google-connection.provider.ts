import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type ConnectionProvider,
  AccessTokenRejectedError,
  ConnectionProviders,
  createConnectStrategy,
  type VendorTokens,
} from '@televisit/api-auth';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import type { Strategy } from 'passport';
import type { StateStore } from 'passport-oauth2';
import { GoogleCalendarSync } from '../sync/google-calendar-sync';
import { GOOGLE_CALENDAR_SCOPE, GOOGLE_SCOPES, GoogleOAuthClient } from './google-oauth.client';

/** Google OAuth for the connect flow; registered with auth at start. */
@Injectable()
export class GoogleConnectionProvider implements ConnectionProvider, OnModuleInit {
  readonly vendor = 'google';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: ConnectionProviders,
    private readonly oauth: GoogleOAuthClient,
    private readonly sync: GoogleCalendarSync,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  missingScopes(granted: readonly string[]): string[] {
    // The whole-calendar scope would also do, but televisit never asks for it (least privilege).
    return granted.includes(GOOGLE_CALENDAR_SCOPE) ? [] : [GOOGLE_CALENDAR_SCOPE];
  }

  get configured(): boolean {
    return this.oauth.configured;
  }

  createStrategy(store: StateStore, callbackUrl: string): Strategy {
    const { clientId, clientSecret, authUrl } = this.config.google;
    if (!clientId || !clientSecret) throw new Error('Google is not configured');
    return createConnectStrategy(
      {
        name: 'google',
        authorizationUrl: authUrl,
        clientId,
        clientSecret,
        callbackUrl,
        scope: GOOGLE_SCOPES,
        // A refresh token needs offline access, and Google issues one again only with the consent prompt.
        authorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
      },
      store,
      (code, verifier, redirectUri) => this.oauth.exchangeCode(code, verifier, redirectUri),
    );
  }

  refresh(refreshToken: string): Promise<VendorTokens> {
    return this.oauth.refresh(refreshToken);
  }

  async check(accessToken: string): Promise<void> {
    try {
      await this.oauth.checkCalendar(accessToken);
    } catch (error) {
      const status =
        (error as { status?: unknown; response?: { status?: unknown } }).status ??
        (error as { response?: { status?: unknown } }).response?.status;
      if (status === 401) throw new AccessTokenRejectedError('google');
      throw error;
    }
  }

  /** Disconnecting: Google stops notifying televisit of changes on the provider's calendar. */
  release(userId: string, accessToken: string): Promise<void> {
    return this.sync.unwatch(userId, accessToken);
  }

  revoke(token: string): Promise<void> {
    return this.oauth.revoke(token);
  }
}
