import type { Strategy } from 'passport';
import type { StateStore } from 'passport-oauth2';

/** Tokens a vendor issued. `expiresAt` is when the access token stops working. */
export interface VendorTokens {
  accessToken: string;
  /** null when the vendor issued none (or, on refresh, kept the old one: Google does not rotate). */
  refreshToken: string | null;
  expiresAt: Date;
  scopes: string[];
}

/** What a finished connect flow yields: the tokens and whose vendor account they act for. */
export interface VendorGrant extends VendorTokens {
  /** The vendor's stable id for the account (Zoom user id, Google `sub`). */
  accountId: string;
  accountEmail: string | null;
}

/** The vendor answered 401 to an access token that had not expired (revoked behind televisit's back). */
export class AccessTokenRejectedError extends Error {
  constructor(vendor: string) {
    super(`${vendor} rejected the access token (401)`);
    this.name = 'AccessTokenRejectedError';
  }
}

/** The vendor refused a refresh token: the provider must connect again (`needs_reauth`). */
export class InvalidGrantError extends Error {
  constructor(vendor: string) {
    super(`${vendor} refused the refresh token (invalid_grant)`);
    this.name = 'InvalidGrantError';
  }
}

/**
 * What a vendor module offers the vendor-neutral OAuth connect flow. Auth depends on this port;
 * the Zoom and Google modules implement it. Auth never names a vendor.
 */
export interface ConnectionProvider {
  /** Stable vendor key used in paths, e.g. `zoom` in /connections/zoom. */
  readonly vendor: string;
  /** Client credentials are configured (or the sandbox's), so providers can connect. */
  readonly configured: boolean;
  /** What the grant lacks for televisit to work (empty when nothing): such a grant is refused and revoked. */
  missingScopes(granted: readonly string[]): string[];
  /**
   * A passport strategy for the connect flow. It must use `store` for state and PKCE (S256) and
   * authenticate with a `VendorGrant` as the user.
   */
  createStrategy(store: StateStore, callbackUrl: string): Strategy;
  /** Exchanges a refresh token; throws InvalidGrantError when the vendor refuses it. */
  refresh(refreshToken: string): Promise<VendorTokens>;
  /** Makes one harmless authenticated call (who am I / one calendar event); throws if it fails (AccessTokenRejectedError on a 401). */
  check(accessToken: string): Promise<void>;
  /**
   * Optional: closes what the vendor module keeps open at the vendor with the user's grant (Google: the
   * push channel on their calendar), called by a disconnect while the grant still works, before it is
   * revoked. Throws when the vendor could not be told.
   */
  release?(userId: string, accessToken: string): Promise<void>;
  /** Revokes the grant the token belongs to. Throws when the vendor could not be told. */
  revoke(token: string): Promise<void>;
}

export const CONNECTION_PROVIDERS = Symbol('CONNECTION_PROVIDERS');
