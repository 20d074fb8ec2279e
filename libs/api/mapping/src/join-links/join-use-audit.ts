import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type AuditInput, type AuditOutcome, AuditService } from '@televisit/api-audit';
import { Clock, type RequestMeta } from '@televisit/api-core';
import type { JoinDecision } from './visit-window';

/** How long the repeats of one source's first use are counted before they are written as one row. */
export const REPEAT_WINDOW_MS = 60_000;
/** How often closed windows are written. */
const SWEEP_MS = 5_000;
/** Sources counted at once; beyond this, every use is written on its own, as if nothing were counted. */
const MAX_SOURCES = 10_000;

const AUDIT_OUTCOME: Record<JoinDecision, AuditOutcome> = {
  redirect: 'success',
  too_early: 'denied',
  gone: 'denied',
  not_ready: 'failure',
};

/** One opening of a patient link, as audited: the appointment, what the link did, and who opened it. */
export interface JoinUse {
  appointmentId: string;
  clinicId: string;
  decision: JoinDecision;
  meta: RequestMeta;
}

/** A source's first use in its window (durable) and the repeats counted after it. */
interface Window {
  use: JoinUse;
  /** Settles once the first use's row is committed; every repeat waits for it. */
  recorded: Promise<void>;
  endsAt: number;
  repeats: number;
  firstRepeatAt: Date | null;
  lastRepeatAt: Date | null;
  lastRequestId: string | null;
}

/**
 * The audit trail of patient links. A source (the same link, outcome, IP address and user agent)
 * opening a link is written to the chained audit trail, and committed, before the patient is
 * answered. The same source opening it again within `REPEAT_WINDOW_MS` (a refresh, a retry, a link
 * previewer, a script) waits for that row and is counted; when the window closes the count is written
 * as one more `join_link.used` row with `repeats`, `firstRepeatAt` and `lastRepeatAt`.
 *
 * So every use is in the trail, and who opened which link, with what outcome, is always durable before
 * the redirect; what a crash can lose is the count of the last window's repeats (a graceful shutdown
 * writes them). And a public URL cannot be used to write one durable row per request: the trail grows
 * with links and sources, not with the request rate (`docs/performance.md` has the measurements).
 */
@Injectable()
export class JoinUseAudit
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(JoinUseAudit.name);
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;
  /** Set once the final counts are written: from then on, every use is written on its own. */
  private closing = false;

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.writeClosedWindows(), SWEEP_MS);
    this.timer.unref();
  }

  /** Writes every window's repeats before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    await this.writeWindows(() => true);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Audits `use`; resolves once its source's use is committed, rejects if that row could not be. */
  async record(use: JoinUse): Promise<void> {
    const now = this.clock.now();
    if (this.closing) return this.writeNow(use);
    const key = sourceKey(use);
    const open = this.windows.get(key);
    if (open && now.getTime() < open.endsAt) {
      await open.recorded;
      // Closed while its first row was being written (a stalled database): this use goes on its own.
      if (this.windows.get(key) !== open) return this.writeNow(use);
      open.repeats += 1;
      open.firstRepeatAt ??= now;
      open.lastRepeatAt = now;
      open.lastRequestId = use.meta.requestId;
      return;
    }
    if (open) void this.close(key, open);
    if (this.windows.size >= MAX_SOURCES) return this.writeNow(use);
    const window: Window = {
      use,
      recorded: this.writeNow(use),
      endsAt: now.getTime() + REPEAT_WINDOW_MS,
      repeats: 0,
      firstRepeatAt: null,
      lastRepeatAt: null,
      lastRequestId: null,
    };
    this.windows.set(key, window);
    try {
      await window.recorded;
    } catch (error) {
      // Nothing of this source is in the trail: its next use starts again.
      if (this.windows.get(key) === window) this.windows.delete(key);
      throw error;
    }
  }

  /** Writes the repeats of every window that has closed (the sweep; tests call it directly). */
  writeClosedWindows(): Promise<void> {
    const now = this.clock.now().getTime();
    return this.writeWindows((window) => window.endsAt <= now);
  }

  private async writeWindows(closed: (window: Window) => boolean): Promise<void> {
    const writes: Array<Promise<void>> = [];
    for (const [key, window] of this.windows) {
      if (closed(window)) writes.push(this.close(key, window));
    }
    await Promise.all(writes);
  }

  /** Ends `window`: its repeats, if any, become one row. Failures are logged, never thrown. */
  private async close(key: string, window: Window): Promise<void> {
    if (this.windows.get(key) === window) this.windows.delete(key);
    if (window.repeats === 0) return;
    const { use } = window;
    try {
      await this.audit.recordNow({
        ...auditInput(use),
        meta: { ...use.meta, requestId: window.lastRequestId },
        details: {
          outcome: use.decision,
          repeats: window.repeats,
          firstRepeatAt: (window.firstRepeatAt as Date).toISOString(),
          lastRepeatAt: (window.lastRepeatAt as Date).toISOString(),
        },
      });
    } catch (error) {
      this.logger.error(
        { err: error },
        `appointment ${use.appointmentId}: ${window.repeats} repeated join link use(s) could not be audited`,
      );
    }
  }

  private async writeNow(use: JoinUse): Promise<void> {
    await this.audit.recordNow(auditInput(use));
  }
}

function auditInput(use: JoinUse): AuditInput {
  return {
    actor: { kind: 'anonymous' },
    clinicId: use.clinicId,
    action: 'join_link.used',
    target: { type: 'appointment', id: use.appointmentId },
    outcome: AUDIT_OUTCOME[use.decision],
    meta: use.meta,
    details: { outcome: use.decision },
  };
}

/** A source of uses: the link's appointment, its outcome, and the opener's IP address and user agent. */
function sourceKey({ appointmentId, decision, meta }: JoinUse): string {
  return `${appointmentId}\n${decision}\n${meta.ip ?? ''}\n${meta.userAgent ?? ''}`;
}
