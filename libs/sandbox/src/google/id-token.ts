import { createSign, generateKeyPairSync, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';

export interface IdTokenClaims {
  sub: string;
  aud: string;
  email?: string;
  iat: number;
  exp: number;
}

/** Google's issuer, so that verifiers with Google's default issuer check accept the fake's tokens. */
export const GOOGLE_ISSUER = 'https://accounts.google.com';

/** Signs OpenID Connect ID tokens with an RSA key made when the fake starts; publishes it as a JWKS. */
export class IdTokenSigner {
  private readonly privateKey: KeyObject;
  private readonly jwk: JsonWebKey;
  private readonly kid = randomBytes(20).toString('hex');

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwk = publicKey.export({ format: 'jwk' });
  }

  /** The document Google serves at `https://www.googleapis.com/oauth2/v3/certs`. */
  jwks(): { keys: JsonWebKey[] } {
    return { keys: [{ ...this.jwk, kid: this.kid, alg: 'RS256', use: 'sig' }] };
  }

  sign(claims: IdTokenClaims): string {
    const header = { alg: 'RS256', kid: this.kid, typ: 'JWT' };
    const payload = {
      iss: GOOGLE_ISSUER,
      azp: claims.aud,
      aud: claims.aud,
      sub: claims.sub,
      ...(claims.email ? { email: claims.email, email_verified: true } : {}),
      iat: claims.iat,
      exp: claims.exp,
    };
    const input = `${encode(header)}.${encode(payload)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(this.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
