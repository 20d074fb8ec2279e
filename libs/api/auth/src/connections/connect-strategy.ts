import { Strategy, type StateStore } from 'passport-oauth2';
import type { VendorGrant } from './connection-provider.port';

export interface ConnectStrategyOptions {
  /** passport's name for the strategy, e.g. `zoom`. */
  name: string;
  authorizationUrl: string;
  clientId: string;
  clientSecret: string;
  callbackUrl: string;
  scope?: readonly string[];
  /** Extra authorization request parameters, e.g. Google's `access_type=offline`. */
  authorizationParams?: Record<string, string>;
}

/** The vendor module's own code exchange: tokens plus whose account they act for. */
export type CodeExchange = (code: string, codeVerifier: string, redirectUri: string) => Promise<VendorGrant>;

type TokenCallback = (err: { statusCode: number; data?: string } | null, accessToken?: string) => void;

/**
 * A passport-oauth2 strategy for a connect flow: passport builds the authorization redirect with the
 * state and the PKCE S256 challenge from `store`, and verifies the state at the callback; the code
 * exchange itself is the vendor module's (every outbound call goes through the hardened client, and
 * vendors differ in how a client authenticates). It authenticates with the VendorGrant as the user.
 */
export function createConnectStrategy(
  options: ConnectStrategyOptions,
  store: StateStore,
  exchange: CodeExchange,
): Strategy {
  const strategy = new Strategy(
    {
      authorizationURL: options.authorizationUrl,
      // Never used: the exchange below replaces passport's token request.
      tokenURL: options.authorizationUrl,
      clientID: options.clientId,
      clientSecret: options.clientSecret,
      callbackURL: options.callbackUrl,
      ...(options.scope ? { scope: [...options.scope], scopeSeparator: ' ' } : {}),
      pkce: true,
      state: true,
      store,
    },
    (_access: string, _refresh: string, grant: unknown, done: (e: unknown, u?: unknown) => void) =>
      done(null, grant),
  );
  strategy.name = options.name;
  // The strategy serves concurrent callbacks: the exchange hands each grant to the profile step by its token.
  const grants = new Map<string, VendorGrant>();
  const oauth2 = (strategy as unknown as { _oauth2: { getOAuthAccessToken: unknown } })._oauth2;
  oauth2.getOAuthAccessToken = (code: string, params: Record<string, string>, callback: TokenCallback) => {
    exchange(code, params['code_verifier'] ?? '', params['redirect_uri'] ?? options.callbackUrl).then(
      (grant) => {
        grants.set(grant.accessToken, grant);
        callback(null, grant.accessToken);
      },
      (error: unknown) => callback({ statusCode: 502, data: String(error) }),
    );
  };
  strategy.userProfile = (accessToken: string, done: (err?: unknown, profile?: unknown) => void) => {
    const grant = grants.get(accessToken);
    grants.delete(accessToken);
    return grant ? done(null, grant) : done(new Error('no grant was issued for this access token'));
  };
  if (options.authorizationParams) {
    const params = options.authorizationParams;
    strategy.authorizationParams = () => ({ ...params });
  }
  return strategy;
}
