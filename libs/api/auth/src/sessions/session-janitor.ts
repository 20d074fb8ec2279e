import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OAuthStateStore } from '../connections/oauth-state.store';
import { LoginThrottleService } from '../login/login-throttle.service';
import { SessionsService } from './sessions.service';

const EVERY_MS = 15 * 60 * 1000;

/**
 * Deletes sessions past their absolute end and forgotten login failures every 15 minutes, so that
 * neither table grows without bound. Idle sessions also go when next presented.
 */
@Injectable()
export class SessionJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SessionJanitor');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sessions: SessionsService,
    private readonly throttles: LoginThrottleService,
    private readonly states: OAuthStateStore,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ sessions: number; throttles: number; oauthStates: number }> {
    try {
      const result = {
        sessions: await this.sessions.purgeExpired(),
        throttles: await this.throttles.purgeForgotten(),
        oauthStates: await this.states.purgeExpired(),
      };
      if (result.sessions || result.throttles || result.oauthStates)
        this.logger.log(result, 'swept expired sessions and throttles');
      return result;
    } catch (error) {
      this.logger.error({ err: error }, 'sweep failed');
      return { sessions: 0, throttles: 0, oauthStates: 0 };
    }
  }
}
