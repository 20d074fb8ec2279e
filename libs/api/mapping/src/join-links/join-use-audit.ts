import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { type AuditInput, type AuditOutcome, AuditService } from '@televisit/api-audit';
import { APP_CONFIG, type AppConfig, Clock, type RequestMeta } from '@televisit/api-core';
import type { JoinDecision } from './visit-window';

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
  /** Settles once the first use's row is committed; a repeat before then waits for it. */
  recorded: Promise<unknown>;
  /** Whether `recorded` has resolved: repeats from then on are counted without waiting. */
  committed: boolean;
  startedAt: number;
  endsAt: number;
  repeats: number;
  /** Epoch milliseconds of the first and last repeat; meaningful once `repeats` > 0. */
  firstRepeatAt: number;
  lastRepeatAt: number;
  lastRequestId: string | null;
}

/**
 * The audit trail of patient links. A source (the same link, outcome, IP address and user agent)
 * opening a link is written to the chained audit trail, and committed, before the patient is
 * answered. The same source opening it again within `JOIN_AUDIT_REPEAT_SECONDS` (a refresh, a retry,
 * a link previewer, a script) waits for that row and is counted; when the window closes the count is
 * written as one more `join_link.used` row with `repeats`, `firstRepeatAt` and `lastRepeatAt`. With
 * the setting at 0, every use is a row of its own, committed before its answer.
 *
 * So every first use from a source is durable before the redirect, and one source's repeats add one row
 * a window, not one a request; what a crash can lose is the count of the open windows' repeats (a
 * graceful shutdown writes them). A client that changes its user agent on every request is a new source
 * every time, and gets a committed row per request, as every use did before; past `MAX_SOURCES` open
 * windows, uses are written one by one.
 */
@Injectable()
export class JoinUseAudit implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JoinUseAudit.name);
  private readonly windows = new Map<string, Window>();
  /** Rows of closed windows being written: shutdown waits for them. */
  private readonly closing = new Set<Promise<void>>();
  private readonly windowMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Set once the final counts are written: from then on, every use is written on its own. */
  private stopped = false;

  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'joinAuditRepeatSeconds'>,
  ) {
    this.windowMs = config.joinAuditRepeatSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    if (this.windowMs === 0) return;
    this.timer = setInterval(() => void this.writeClosedWindows(), SWEEP_MS);
    this.timer.unref();
  }

  /** Writes every window's repeats, and waits for those being written, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.writeWindows(() => true);
    while (this.closing.size > 0) await Promise.all([...this.closing]);
  }

  /**
   * Audits `use`. Returns nothing when it is a repeat whose source's first use is already committed
   * (counted, nothing to wait for: the path of a browser opening its link again); otherwise a promise
   * that resolves once this source's use is committed, and rejects if that row could not be.
   */
  record(use: JoinUse): Promise<unknown> | undefined {
    const now = this.clock.now().getTime();
    if (this.stopped || this.windowMs === 0) return this.writeNow(use);
    const key = sourceKey(use);
    const open = this.windows.get(key);
    if (open && open.startedAt <= now && now < open.endsAt) {
      if (!open.committed) return this.recordAfterFirst(key, open, use);
      countRepeat(open, use, now);
      return undefined;
    }
    if (open) void this.close(key, open);
    if (this.windows.size >= MAX_SOURCES) return this.writeNow(use);
    return this.recordFirst(key, use, now);
  }

  private async recordFirst(key: string, use: JoinUse, now: number): Promise<void> {
    const window: Window = {
      use,
      recorded: this.writeNow(use),
      committed: false,
      startedAt: now,
      endsAt: now + this.windowMs,
      repeats: 0,
      firstRepeatAt: 0,
      lastRepeatAt: 0,
      lastRequestId: null,
    };
    this.windows.set(key, window);
    try {
      await window.recorded;
      window.committed = true;
    } catch (error) {
      // Nothing of this source is in the trail: its next use starts again.
      if (this.windows.get(key) === window) this.windows.delete(key);
      throw error;
    }
  }

  /** A repeat that came while its source's first row was being written: it waits for that row. */
  private async recordAfterFirst(key: string, open: Window, use: JoinUse): Promise<unknown> {
    try {
      await open.recorded;
    } catch {
      // The first use's row failed, and its caller with it: this use is a first use of its own.
      return this.record(use);
    }
    // Closed while its first row was being written (a stalled database): this use goes on its own.
    if (this.windows.get(key) !== open) return this.writeNow(use);
    countRepeat(open, use, this.clock.now().getTime());
  }

  /** Writes the repeats of every window that has closed (the sweep; tests call it directly). */
  writeClosedWindows(): Promise<void> {
    const now = this.clock.now().getTime();
    // A clock set back leaves a window "not started yet": it closes too, rather than run on.
    return this.writeWindows((window) => window.endsAt <= now || now < window.startedAt);
  }

  private async writeWindows(closed: (window: Window) => boolean): Promise<void> {
    const writes: Array<Promise<void>> = [];
    for (const [key, window] of this.windows) {
      if (closed(window)) writes.push(this.close(key, window));
    }
    await Promise.all(writes);
  }

  /** Ends `window`: its repeats, if any, become one row (shutdown waits for it). Never rejects. */
  private close(key: string, window: Window): Promise<void> {
    if (this.windows.get(key) === window) this.windows.delete(key);
    if (window.repeats === 0) return Promise.resolve();
    const written = this.writeRepeats(window).finally(() => this.closing.delete(written));
    this.closing.add(written);
    return written;
  }

  private async writeRepeats(window: Window): Promise<void> {
    const { use } = window;
    try {
      await this.audit.recordNow({
        ...auditInput(use),
        meta: { ...use.meta, requestId: window.lastRequestId },
        details: {
          outcome: use.decision,
          repeats: window.repeats,
          firstRepeatAt: new Date(window.firstRepeatAt).toISOString(),
          lastRepeatAt: new Date(window.lastRepeatAt).toISOString(),
        },
      });
    } catch (error) {
      this.logger.error(
        { err: error },
        `appointment ${use.appointmentId}: ${window.repeats} repeated join link use(s) could not be audited`,
      );
    }
  }

  private writeNow(use: JoinUse): Promise<unknown> {
    return this.audit.recordNow(auditInput(use));
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

function countRepeat(window: Window, use: JoinUse, now: number): void {
  if (window.repeats === 0) window.firstRepeatAt = now;
  window.repeats += 1;
  window.lastRepeatAt = now;
  window.lastRequestId = use.meta.requestId;
}

/** A source of uses: the link's appointment, its outcome, and the opener's IP address and user agent. */
function sourceKey({ appointmentId, decision, meta }: JoinUse): string {
  return `${appointmentId}\n${decision}\n${meta.ip ?? ''}\n${meta.userAgent ?? ''}`;
}
