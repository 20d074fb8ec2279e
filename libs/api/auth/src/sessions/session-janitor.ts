import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
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
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ sessions: number; throttles: number }> {
    try {
      const result = {
        sessions: await this.sessions.purgeExpired(),
        throttles: await this.throttles.purgeForgotten(),
      };
      if (result.sessions || result.throttles)
        this.logger.log(result, 'swept expired sessions and throttles');
      return result;
    } catch (error) {
      this.logger.error({ err: error }, 'sweep failed');
      return { sessions: 0, throttles: 0 };
    }
  }
}
