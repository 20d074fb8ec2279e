import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock } from '@televisit/api-core';

const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per API key, in this process. With several API processes each allows the
 * configured rate; the limit protects the service from a runaway integration, not a quota.
 */
@Injectable()
export class ApiKeyRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** 0 when the request may proceed, otherwise the seconds until the window resets. */
  take(apiKeyId: string): number {
    const now = this.clock.now().getTime();
    const start = now - (now % WINDOW_MS);
    const window = this.windows.get(apiKeyId);
    if (!window || window.start !== start) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(apiKeyId, { start, count: 1 });
      return 0;
    }
    window.count += 1;
    if (window.count <= this.config.apiKeyRateLimit) return 0;
    return Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000));
  }
}
