import type { Response } from 'express';
import type { FakeContext } from '../common/fake-context';
import { nextUtcMidnight, utcDay, zoomTime } from './zoom-time';

/**
 * Zoom's user-level limit on meeting create/update requests: `knobs.zoomDailyCap` per host user per UTC
 * day, reset at 00:00 UTC. Only requests Zoom accepted count.
 */
export class ZoomDailyCap {
  private readonly counts = new Map<string, number>();
  private day = '';

  constructor(private readonly ctx: FakeContext) {}

  /**
   * Counts one request for `hostId`, or answers Zoom's documented daily-limit 429 and returns false.
   * The body is what Zoom sends; the headers are those of Zoom's rate-limit documentation.
   */
  take(res: Response, hostId: string): boolean {
    const now = this.ctx.now();
    const today = utcDay(now);
    if (today !== this.day) {
      this.counts.clear();
      this.day = today;
    }
    const cap = this.ctx.knobs.zoomDailyCap;
    const used = this.counts.get(hostId) ?? 0;
    if (used >= cap) {
      res
        .status(429)
        .set({
          'X-RateLimit-Category': 'Medium',
          'X-RateLimit-Type': 'Daily-limit',
          'X-RateLimit-Limit': String(cap),
          'X-RateLimit-Remaining': '0',
          'Retry-After': zoomTime(nextUtcMidnight(now)),
        })
        .json({
          code: 429,
          message:
            `You have exceeded the daily rate limit (${cap}) of Meeting Create/Update API requests permitted ` +
            'for this particular user. You may resume these requests at GMT 00:00:00.',
        });
      return false;
    }
    this.counts.set(hostId, used + 1);
    res.set({ 'X-RateLimit-Limit': String(cap), 'X-RateLimit-Remaining': String(cap - used - 1) });
    return true;
  }

  used(hostId: string): number {
    return utcDay(this.ctx.now()) === this.day ? (this.counts.get(hostId) ?? 0) : 0;
  }
}
