// The HTTP adapter was chosen so that passport-oauth2 redirect flows run natively (README, "HTTP
// adapter"). This spec proves it on the platform the API uses: authorize redirect with state and
// PKCE S256, then the callback exchanging the code at a real (loopback) token endpoint.
import { Controller, Get, Injectable, Module, Req, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Strategy, type StateStore } from 'passport-oauth2';

interface TokenRequest {
  grant_type: string | null;
  code: string | null;
  code_verifier: string | null;
}
const tokenRequests: TokenRequest[] = [];
const issuedStates = new Map<string, string>();

/** State bound server-side to its PKCE verifier, single use (the real store will bind it to the session). */
const memoryStateStore = {
  store(
    _req: unknown,
    verifier: string,
    _state: unknown,
    _meta: unknown,
    done: (err: Error | null, state?: string) => void,
  ) {
    const handle = randomBytes(16).toString('base64url');
    issuedStates.set(handle, verifier);
    done(null, handle);
  },
  verify(
    _req: unknown,
    handle: string,
    done: (err: Error | null, verifier?: string | false, state?: unknown) => void,
  ) {
    const verifier = issuedStates.get(handle);
    issuedStates.delete(handle);
    done(null, verifier ?? false, {});
  },
} as unknown as StateStore;

let oauthServer: Server;
let oauthBase = '';

@Injectable()
class FakeVendorStrategy extends PassportStrategy(Strategy, 'fake-vendor') {
  constructor() {
    super({
      authorizationURL: `${oauthBase}/oauth/authorize`,
      tokenURL: `${oauthBase}/oauth/token`,
      clientID: 'client-id',
      clientSecret: 'client-secret',
      callbackURL: 'http://127.0.0.1/callback',
      pkce: true,
      state: true,
      store: memoryStateStore,
    });
  }

  validate(accessToken: string): { accessToken: string } {
    return { accessToken };
  }
}

@Controller()
class ConnectController {
  @Get('connect')
  @UseGuards(AuthGuard('fake-vendor'))
  connect(): void {
    // passport answers with the redirect before this runs
  }

  @Get('callback')
  @UseGuards(AuthGuard('fake-vendor'))
  callback(@Req() req: { user: unknown }): unknown {
    return req.user;
  }
}

@Module({ controllers: [ConnectController], providers: [FakeVendorStrategy] })
class OAuthTestModule {}

describe('passport-oauth2 redirect flow on the API’s HTTP adapter (Express)', () => {
  let app: INestApplication;
  let base = '';

  beforeAll(async () => {
    oauthServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        tokenRequests.push({
          grant_type: form.get('grant_type'),
          code: form.get('code'),
          code_verifier: form.get('code_verifier'),
        });
        const ok = req.url === '/oauth/token' && form.get('code') === 'good-code';
        res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            ok
              ? { access_token: 'at-1', token_type: 'bearer', expires_in: 3600 }
              : { error: 'invalid_grant' },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => oauthServer.listen(0, '127.0.0.1', resolve));
    oauthBase = `http://127.0.0.1:${(oauthServer.address() as AddressInfo).port}`;
    app = await NestFactory.create(OAuthTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => oauthServer?.close(resolve));
  });

  async function authorize(): Promise<URL> {
    const res = await fetch(`${base}/connect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  it('redirects to the authorize URL with state and a PKCE S256 challenge', async () => {
    const location = await authorize();
    expect(`${location.origin}${location.pathname}`).toBe(`${oauthBase}/oauth/authorize`);
    expect(location.searchParams.get('response_type')).toBe('code');
    expect(location.searchParams.get('client_id')).toBe('client-id');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('exchanges the code with the matching verifier on callback', async () => {
    const location = await authorize();
    const res = await fetch(`${base}/callback?code=good-code&state=${location.searchParams.get('state')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accessToken: 'at-1' });
    const exchange = tokenRequests.at(-1);
    expect(exchange?.grant_type).toBe('authorization_code');
    const challenge = createHash('sha256')
      .update(exchange?.code_verifier ?? '')
      .digest('base64url');
    expect(challenge).toBe(location.searchParams.get('code_challenge'));
  });

  it('refuses a callback whose state was never issued or is reused', async () => {
    const location = await authorize();
    const state = location.searchParams.get('state') ?? '';
    const before = tokenRequests.length;
    expect((await fetch(`${base}/callback?code=good-code&state=forged-state`)).status).toBe(401);
    expect((await fetch(`${base}/callback?code=good-code&state=${state}`)).status).toBe(200);
    expect((await fetch(`${base}/callback?code=good-code&state=${state}`)).status).toBe(401);
    expect(tokenRequests.length).toBe(before + 1);
  });
});
