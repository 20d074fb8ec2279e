import { Injectable } from '@nestjs/common';
import { Clock, sha256Hex } from '@televisit/api-core';
import { Vault } from '@televisit/api-vault';
import type { Request } from 'express';
import { randomBytes } from 'node:crypto';
import { DataSource, LessThan } from 'typeorm';
import { OAuthStateEntity } from './oauth-state.entity';

export const STATE_TTL_MS = 10 * 60 * 1000;

/** Who started the connect flow a request belongs to; set by the connections service. */
export interface ConnectFlow {
  userId: string;
  sessionId: string;
  vendor: string;
}

declare module 'express' {
  interface Request {
    connectFlow?: ConnectFlow;
  }
}

const hashState = sha256Hex;
const verifierBinding = (id: string) => ({ table: 'oauth_states', column: 'code_verifier', rowId: id });

type StoreDone = (err: Error | null, state?: string) => void;
type VerifyDone = (err: Error | null, verifier?: string | false, state?: unknown) => void;

/**
 * passport-oauth2's state store, kept in the database so that any API process can finish a flow:
 * a random 256-bit state, stored as its hash with the sealed PKCE verifier, bound to the session
 * that started it, usable once, for 10 minutes. The parameter counts matter: passport-oauth2 picks
 * the PKCE calling convention by the functions' arity.
 */
@Injectable()
export class OAuthStateStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  store(req: Request, verifier: string, _state: unknown, _meta: unknown, done: StoreDone): void {
    const flow = req.connectFlow;
    if (!flow) return done(new Error('no connect flow on this request'));
    const state = randomBytes(32).toString('base64url');
    const id = hashState(state);
    const now = this.clock.now();
    this.dataSource
      .getRepository(OAuthStateEntity)
      .insert({
        id,
        sessionId: flow.sessionId,
        userId: flow.userId,
        vendor: flow.vendor,
        sealedCodeVerifier: this.vault.seal(verifier, verifierBinding(id)),
        createdAt: now,
        expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      })
      .then(
        () => done(null, state),
        (error: Error) => done(error),
      );
  }

  verify(req: Request, providedState: unknown, done: VerifyDone): void {
    this.consume(req, providedState).then(
      (verifier) => done(null, verifier ?? false, {}),
      (error: Error) => done(error),
    );
  }

  /** Deletes states older than their expiry; returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .getRepository(OAuthStateEntity)
      .delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }

  private async consume(req: Request, providedState: unknown): Promise<string | undefined> {
    const flow = req.connectFlow;
    if (!flow || typeof providedState !== 'string' || providedState.length > 128) return undefined;
    const id = hashState(providedState);
    const repo = this.dataSource.getRepository(OAuthStateEntity);
    const row = await repo.findOneBy({ id });
    if (!row) return undefined;
    // Single use: only the request whose delete removed the row may go on.
    const deleted = await repo.delete({ id });
    if (deleted.affected !== 1) return undefined;
    const valid =
      row.sessionId === flow.sessionId &&
      row.userId === flow.userId &&
      row.vendor === flow.vendor &&
      row.expiresAt.getTime() > this.clock.now().getTime() &&
      row.sealedCodeVerifier !== null;
    return valid && row.sealedCodeVerifier
      ? this.vault.open(row.sealedCodeVerifier, verifierBinding(id))
      : undefined;
  }
}
