import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { FakeContext } from '../common/fake-context';

export interface GoogleUser {
  /** Google's stable account id: a 21-digit decimal string. */
  sub: string;
  email: string;
}

/** One consent: what a user granted one client. Refresh and access tokens hang off it. */
interface Grant {
  id: number;
  sub: string;
  clientId: string;
  scopes: string[];
  createdAt: number;
  /** Absent when the consent was online-only, or when Google chose not to issue another one. */
  refreshToken?: string;
  refreshLastUsedAt: number;
  revoked: boolean;
}

interface AccessToken {
  grantId: number;
  expiresAt: number;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  sub: string;
  scopes: string[];
  offline: boolean;
  forceConsent: boolean;
  challenge?: { value: string; method: 'S256' | 'plain' };
  expiresAt: number;
  used: boolean;
}

export interface GrantSummary {
  clientId: string;
  scopes: string[];
  createdAt: string;
  hasRefreshToken: boolean;
  liveAccessTokens: number;
}

export interface IssuedTokens {
  sub: string;
  accessToken: string;
  expiresIn: number;
  scopes: string[];
  refreshToken?: string;
  grantId: number;
}

export type TokenFailure =
  | 'invalid_grant'
  | 'invalid_request'
  | 'redirect_uri_mismatch'
  | 'missing_code_verifier'
  | 'invalid_code_verifier';

/** Google's facts: codes live 10 minutes; refresh tokens die after 6 months unused or past 100 per client. */
const CODE_LIFETIME_MS = 10 * 60_000;
const REFRESH_IDLE_LIMIT_MS = 183 * 24 * 3600_000;
const REFRESH_TOKENS_PER_CLIENT = 100;

const token = (prefix: string, bytes: number) => prefix + randomBytes(bytes).toString('base64url');

/** Users, authorization codes, grants and tokens of the fake Google account server. */
export class OAuthStore {
  private readonly usersBySub = new Map<string, GoogleUser>();
  private readonly subsByEmail = new Map<string, string>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<number, Grant>();
  private readonly grantsByRefresh = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  /** Every token value ever issued (access and refresh), for specs that search dumps for leaks. */
  readonly issued = new Set<string>();
  private grantSeq = 0;

  constructor(private readonly ctx: FakeContext) {}

  findOrCreateUser(email: string): GoogleUser {
    const normalised = email.trim().toLowerCase();
    const known = this.subsByEmail.get(normalised);
    if (known) return this.usersBySub.get(known) as GoogleUser;
    let sub: string;
    do sub = `1${Array.from({ length: 20 }, () => randomInt(10)).join('')}`;
    while (this.usersBySub.has(sub));
    const user = { sub, email: normalised };
    this.usersBySub.set(sub, user);
    this.subsByEmail.set(normalised, sub);
    return user;
  }

  findUserByEmail(email: string): GoogleUser | undefined {
    const sub = this.subsByEmail.get(email.trim().toLowerCase());
    return sub ? this.usersBySub.get(sub) : undefined;
  }

  userBySub(sub: string): GoogleUser | undefined {
    return this.usersBySub.get(sub);
  }

  issueCode(code: Omit<AuthorizationCode, 'expiresAt' | 'used'>): string {
    const value = token('4/0A', 48);
    this.codes.set(value, { ...code, expiresAt: this.ctx.now() + CODE_LIFETIME_MS, used: false });
    return value;
  }

  /** The authorization_code grant; Google answers every code problem with `invalid_grant`. */
  redeemCode(
    value: string,
    clientId: string,
    redirectUri: string | undefined,
    verifier: string | undefined,
  ): IssuedTokens | TokenFailure {
    const code = this.codes.get(value);
    if (!code || code.clientId !== clientId || code.expiresAt <= this.ctx.now()) return 'invalid_grant';
    if (code.used) {
      // A replayed code is a sign of theft: RFC 6749 §4.1.2 says to revoke what it issued.
      this.revokeGrantsWhere((grant) => grant.sub === code.sub && grant.clientId === clientId);
      return 'invalid_grant';
    }
    if (redirectUri === undefined) return 'invalid_request';
    if (redirectUri !== code.redirectUri) return 'redirect_uri_mismatch';
    if (code.challenge) {
      if (!verifier) return 'missing_code_verifier';
      const computed =
        code.challenge.method === 'S256'
          ? createHash('sha256').update(verifier).digest('base64url')
          : verifier;
      if (!sameString(computed, code.challenge.value)) return 'invalid_code_verifier';
    }
    code.used = true;
    const grant = this.newGrant(code.sub, clientId, code.scopes);
    // Google hands out a refresh token on the first offline consent, and again only with prompt=consent.
    const hasLiveRefresh = [...this.grants.values()].some(
      (g) => g !== grant && !g.revoked && g.refreshToken && g.sub === code.sub && g.clientId === clientId,
    );
    if (code.offline && (code.forceConsent || !hasLiveRefresh)) {
      grant.refreshToken = token('1//0', 72);
      this.grantsByRefresh.set(grant.refreshToken, grant);
      this.issued.add(grant.refreshToken);
      this.enforceRefreshTokenLimit(code.sub, clientId);
    }
    return {
      ...this.newAccessToken(grant),
      refreshToken: grant.refreshToken,
      scopes: grant.scopes,
      sub: grant.sub,
    };
  }

  /** The refresh_token grant. Google does not rotate refresh tokens. */
  refresh(refreshToken: string, clientId: string): IssuedTokens | 'invalid_grant' {
    const grant = this.grantsByRefresh.get(refreshToken);
    if (!grant || grant.revoked || grant.clientId !== clientId) return 'invalid_grant';
    if (this.ctx.now() - grant.refreshLastUsedAt > REFRESH_IDLE_LIMIT_MS) {
      this.revokeGrant(grant);
      return 'invalid_grant';
    }
    grant.refreshLastUsedAt = this.ctx.now();
    return { ...this.newAccessToken(grant), scopes: grant.scopes, sub: grant.sub };
  }

  /** Revokes the whole grant behind an access or refresh token; answers its user, or undefined if unknown. */
  revokeToken(value: string): string | undefined {
    const grant = this.grantsByRefresh.get(value) ?? this.grantOfAccessToken(value);
    if (!grant || grant.revoked) return undefined;
    this.revokeGrant(grant);
    return grant.sub;
  }

  /** The live grant behind a Bearer token, or undefined when it is unknown, expired or revoked. */
  authorise(accessToken: string): { sub: string; clientId: string; scopes: string[] } | undefined {
    const entry = this.accessTokens.get(accessToken);
    if (!entry || entry.expiresAt <= this.ctx.now()) return undefined;
    const grant = this.grants.get(entry.grantId);
    if (!grant || grant.revoked) return undefined;
    return { sub: grant.sub, clientId: grant.clientId, scopes: grant.scopes };
  }

  expireAllAccessTokens(): number {
    const now = this.ctx.now();
    let count = 0;
    for (const entry of this.accessTokens.values()) {
      if (entry.expiresAt > now) {
        entry.expiresAt = now;
        count++;
      }
    }
    return count;
  }

  revokeUser(sub: string): number {
    return this.revokeGrantsWhere((grant) => grant.sub === sub);
  }

  /** Live grants for a user, with counts instead of token values. */
  grantsOf(sub: string): GrantSummary[] {
    const now = this.ctx.now();
    return [...this.grants.values()]
      .filter((grant) => grant.sub === sub && !grant.revoked)
      .map((grant) => ({
        clientId: grant.clientId,
        scopes: grant.scopes,
        createdAt: new Date(grant.createdAt).toISOString(),
        hasRefreshToken: grant.refreshToken !== undefined,
        liveAccessTokens: [...this.accessTokens.values()].filter(
          (entry) => entry.grantId === grant.id && entry.expiresAt > now,
        ).length,
      }))
      .filter((summary) => summary.hasRefreshToken || summary.liveAccessTokens > 0);
  }

  private newGrant(sub: string, clientId: string, scopes: string[]): Grant {
    const grant: Grant = {
      id: ++this.grantSeq,
      sub,
      clientId,
      scopes,
      createdAt: this.ctx.now(),
      refreshLastUsedAt: this.ctx.now(),
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  private newAccessToken(grant: Grant): { accessToken: string; expiresIn: number; grantId: number } {
    this.dropDeadAccessTokens();
    const expiresIn = this.ctx.knobs.accessTokenLifetimeSeconds;
    const accessToken = token('ya29.a0', 96);
    this.accessTokens.set(accessToken, { grantId: grant.id, expiresAt: this.ctx.now() + expiresIn * 1000 });
    this.issued.add(accessToken);
    return { accessToken, expiresIn, grantId: grant.id };
  }

  private grantOfAccessToken(value: string): Grant | undefined {
    const entry = this.accessTokens.get(value);
    return entry ? this.grants.get(entry.grantId) : undefined;
  }

  private enforceRefreshTokenLimit(sub: string, clientId: string): void {
    const live = [...this.grants.values()].filter(
      (g) => !g.revoked && g.refreshToken && g.sub === sub && g.clientId === clientId,
    );
    // Grants are kept in creation order, so the oldest ones are at the front.
    for (const grant of live.slice(0, Math.max(0, live.length - REFRESH_TOKENS_PER_CLIENT))) {
      this.revokeGrant(grant);
    }
  }

  private revokeGrantsWhere(predicate: (grant: Grant) => boolean): number {
    let count = 0;
    for (const grant of this.grants.values()) {
      if (!grant.revoked && predicate(grant)) {
        this.revokeGrant(grant);
        count++;
      }
    }
    return count;
  }

  private revokeGrant(grant: Grant): void {
    grant.revoked = true;
    for (const [value, entry] of this.accessTokens) {
      if (entry.grantId === grant.id) this.accessTokens.delete(value);
    }
  }

  /** Keeps memory bounded in long sandbox runs: expired access tokens cannot come back. */
  private dropDeadAccessTokens(): void {
    if (this.accessTokens.size < 10_000) return;
    const now = this.ctx.now();
    for (const [value, entry] of this.accessTokens) {
      if (entry.expiresAt <= now) this.accessTokens.delete(value);
    }
  }
}

function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
