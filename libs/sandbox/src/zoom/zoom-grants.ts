import { createHash, timingSafeEqual } from 'node:crypto';
import { opaqueToken } from './zoom-ids';

/** An authorisation: one user's consent to one client, or a Server-to-Server app's hold on its account. */
export interface Grant {
  id: string;
  clientId: string;
  accountId: string;
  /** Absent for Server-to-Server grants, which act for the whole account. */
  userId?: string;
  scopes: string[];
  revoked: boolean;
}

interface TokenRecord {
  grant: Grant;
  kind: 'access' | 'refresh';
  expiresAt: number;
  /** A refresh token that has been used to issue a new pair; using it again is invalid_grant. */
  superseded: boolean;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  challengeMethod?: string;
  userId: string;
  accountId: string;
  scopes: string[];
  expiresAt: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  grant: Grant;
}

export type CodeCheck =
  | { ok: true; code: CodeRecord }
  | { ok: false; reason: 'invalid_code' | 'redirect_mismatch' | 'verifier_mismatch' };

export type AccessCheck = { ok: true; grant: Grant } | { ok: false; reason: 'invalid' | 'expired' };

const CODE_LIFETIME_MS = 5 * 60_000;
/** Zoom refresh tokens expire after 90 days. */
const REFRESH_LIFETIME_MS = 90 * 86_400_000;

/** Authorisation codes, grants and their tokens, all against the fake's clock. */
export class ZoomGrants {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly grants = new Map<string, Grant>();
  private nextGrant = 0;

  /** Every token value ever issued (access and refresh), for specs that search dumps for leaks. */
  readonly issued = new Set<string>();

  constructor(
    private readonly now: () => number,
    private readonly accessLifetimeSeconds: () => number,
  ) {}

  issueCode(record: Omit<CodeRecord, 'expiresAt'>): string {
    const code = opaqueToken();
    this.codes.set(code, { ...record, expiresAt: this.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Single use: the code is spent by the first attempt, even a failed one, as a stolen code must not be retried. */
  redeemCode(
    code: string,
    clientId: string,
    redirectUri: string | undefined,
    verifier: string | undefined,
  ): CodeCheck {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.clientId !== clientId || record.expiresAt <= this.now()) {
      return { ok: false, reason: 'invalid_code' };
    }
    if (redirectUri !== record.redirectUri) return { ok: false, reason: 'redirect_mismatch' };
    if (record.challenge !== undefined && !pkceMatches(record.challenge, record.challengeMethod, verifier)) {
      return { ok: false, reason: 'verifier_mismatch' };
    }
    return { ok: true, code: record };
  }

  issueUserGrant(clientId: string, accountId: string, userId: string, scopes: string[]): IssuedTokens {
    const grant = this.newGrant({ clientId, accountId, userId, scopes });
    return {
      grant,
      accessToken: this.newToken(grant, 'access'),
      refreshToken: this.newToken(grant, 'refresh'),
    };
  }

  /** Server-to-Server: a fresh access token each call, never a refresh token. */
  issueAccountToken(clientId: string, accountId: string, scopes: string[]): IssuedTokens {
    const grant = this.newGrant({ clientId, accountId, scopes });
    return { grant, accessToken: this.newToken(grant, 'access') };
  }

  /** Rotation: the used refresh token dies and a new pair is issued; earlier access tokens live on until they expire. */
  refresh(clientId: string, refreshToken: string): IssuedTokens | undefined {
    const record = this.tokens.get(refreshToken);
    if (!record || record.kind !== 'refresh' || record.superseded || record.grant.revoked) return undefined;
    if (record.grant.clientId !== clientId || record.expiresAt <= this.now()) return undefined;
    record.superseded = true;
    const grant = record.grant;
    return {
      grant,
      accessToken: this.newToken(grant, 'access'),
      refreshToken: this.newToken(grant, 'refresh'),
    };
  }

  checkAccess(accessToken: string): AccessCheck {
    const record = this.tokens.get(accessToken);
    if (!record || record.kind !== 'access' || record.grant.revoked) return { ok: false, reason: 'invalid' };
    if (record.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant: record.grant };
  }

  /** Revoking either token of a grant kills the whole grant. Returns false for an unknown token or client. */
  revokeToken(token: string, clientId: string): boolean {
    const record = this.tokens.get(token);
    if (!record || record.grant.clientId !== clientId) return false;
    record.grant.revoked = true;
    return true;
  }

  revokeUser(userId: string, clientId?: string): number {
    let count = 0;
    for (const grant of this.grants.values()) {
      if (grant.userId === userId && !grant.revoked && (!clientId || grant.clientId === clientId)) {
        grant.revoked = true;
        count++;
      }
    }
    return count;
  }

  expireAllAccessTokens(): number {
    let count = 0;
    const now = this.now();
    for (const record of this.tokens.values()) {
      if (record.kind === 'access' && record.expiresAt > now) {
        record.expiresAt = now;
        count++;
      }
    }
    return count;
  }

  /** Grants of this user that could still be used: not revoked, with a live refresh token or access token. */
  liveGrantCount(userId: string): number {
    const now = this.now();
    const live = new Set<string>();
    for (const record of this.tokens.values()) {
      const { grant } = record;
      if (grant.userId !== userId || grant.revoked) continue;
      if (record.expiresAt > now && !record.superseded) live.add(grant.id);
    }
    return live.size;
  }

  private newGrant(fields: Omit<Grant, 'id' | 'revoked'>): Grant {
    const grant: Grant = { ...fields, id: `g${++this.nextGrant}`, revoked: false };
    this.grants.set(grant.id, grant);
    return grant;
  }

  private newToken(grant: Grant, kind: 'access' | 'refresh'): string {
    const token = opaqueToken();
    const lifetime = kind === 'access' ? this.accessLifetimeSeconds() * 1000 : REFRESH_LIFETIME_MS;
    this.tokens.set(token, { grant, kind, expiresAt: this.now() + lifetime, superseded: false });
    this.issued.add(token);
    return token;
  }
}

/** RFC 7636: S256 compares BASE64URL(SHA256(verifier)); `plain` compares the strings. */
function pkceMatches(challenge: string, method: string | undefined, verifier: string | undefined): boolean {
  if (!verifier || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  const derived = method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  const a = Buffer.from(derived);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
