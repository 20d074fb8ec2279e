import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, Clock, type RequestMeta } from '@televisit/api-core';
import { type EntityManager, LessThan, type Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { SessionEntity } from './session.entity';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-cookie';
import { csrfTokenFor, newSessionToken, sessionIdOf } from './session-tokens';

/** Writing last_seen_at on every request would turn reads into writes; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionLookup =
  | { status: 'active'; session: SessionEntity; user: UserEntity }
  | { status: 'expired'; session: SessionEntity }
  | { status: 'unknown' };

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Always a new id: a session id never survives a login (no fixation). */
  async create(manager: EntityManager, userId: string, meta: RequestMeta) {
    const { token, id } = newSessionToken();
    const now = this.clock.now();
    const session = manager.create(SessionEntity, {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      // The address comes from the request (X-Forwarded-For behind a trusted proxy): cut it to its column.
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent,
    });
    await manager.save(session);
    return { token, session, csrfToken: this.csrfToken(id) };
  }

  csrfToken(sessionId: string): string {
    return csrfTokenFor(this.sessionSecret(), sessionId);
  }

  sessionSecret(): string {
    const secret = this.config.sessionSecret;
    if (!secret) throw new Error('SESSION_SECRET is not resolved');
    return secret;
  }

  async lookup(token: string): Promise<SessionLookup> {
    const session = await this.sessions.findOneBy({ id: sessionIdOf(token) });
    if (!session) return { status: 'unknown' };
    const now = this.clock.now().getTime();
    if (now >= session.expiresAt.getTime() || now - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) {
      await this.sessions.delete({ id: session.id });
      return { status: 'expired', session };
    }
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || user.disabledAt) {
      await this.sessions.delete({ id: session.id });
      return { status: 'unknown' };
    }
    if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return { status: 'active', session, user };
  }

  async end(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.delete(SessionEntity, { id: sessionId });
  }

  async endAllFor(manager: EntityManager, userId: string): Promise<void> {
    await manager.delete(SessionEntity, { userId });
  }

  /** Removes sessions past their absolute end; idle ones go on their next lookup. */
  async purgeExpired(): Promise<number> {
    const result = await this.sessions.delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }
}
