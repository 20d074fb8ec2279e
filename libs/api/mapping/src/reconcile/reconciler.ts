import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AuditService } from '@televisit/api-audit';
import { ClinicMeetingSettings } from '@televisit/api-auth';
import { APP_CONFIG, type AppConfig, Clock } from '@televisit/api-core';
import { newLeaseOwner, runInTransaction } from '@televisit/api-database';
import { DataSource, type EntityManager, IsNull, Not, Or } from 'typeorm';
import { AppointmentEntity } from '../appointments/appointment.entity';
import {
  type MeetingHost,
  type MeetingSpec,
  MEETING_NOT_FOUND,
  VideoProviderError,
} from '../video-provider/video-provider.port';
import { VideoProviders } from '../video-provider/video-providers';
import { MEETING_DELETED_AT_VENDOR } from '../timeline/timeline-kinds';
import { backoffMs, NEEDS_A_PERSON, SLOW_RETRY_MS } from './backoff';
import { MeetingMappings } from './meeting-mappings';

export const LEASE_MS = 60_000;
const TICK_MS = 500;
/**
 * Appointments one process reconciles at once. Each is claimed on its own (a conditional UPDATE), so
 * lanes in a process are as safe as processes on a database; the vendor calls overlap instead of
 * queueing behind one another (a burst of bookings, an EHR's import). Lanes overlap waiting, not work:
 * while the event loop is busy (`BUSY_LOOP`), serving requests say, only the first lane claims more.
 */
export const RECONCILE_LANES = 4;
/** The share of the last tick the event loop spent running above which the extra lanes stand down. */
const BUSY_LOOP = 0.5;

/**
 * Drives each due appointment's vendor meeting to its desired state. A worker claims a due row with a
 * conditional UPDATE (works on SQLite, MySQL and MariaDB, across processes), calls the vendor until the
 * mapping's observed version equals the appointment's version, and backs off with jitter on failure.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  /** This process, in lease_owner; each claim adds its number. */
  private readonly owner = newLeaseOwner();
  /** Numbers each claim: a lease names the claim that holds it, so a late lane never releases another's. */
  private claims = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  /** Event-loop utilization at the last tick, and whether the loop was busy since the one before. */
  private loopAt = performance.eventLoopUtilization();
  private loopBusy = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly providers: VideoProviders,
    private readonly mappings: MeetingMappings,
    private readonly audit: AuditService,
    private readonly clinics: ClinicMeetingSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker) return;
    this.timer = setInterval(() => {
      this.sampleLoop();
      void this.drain();
    }, TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    // Finish the appointment in hand, claim no more: the rest stay due for the other processes.
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Works through everything due now; returns how many appointments it reconciled. */
  drain(): Promise<number> {
    this.running ??= this.work()
      .catch((error: unknown) => {
        this.logger.error(`the reconciler could not read the due-queue: ${String(error)}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * One claim first (with nothing due, one read a tick); the other lanes start once there is work.
   * Each lane ends on its own, failing or not, so `running` covers them all until the last has ended.
   */
  private async work(): Promise<number> {
    const first = await this.claimNext();
    if (!first) return 0;
    const extra = Array.from({ length: RECONCILE_LANES - 1 }, () => this.lane(null, true));
    const lanes = [this.lane(first, false), ...extra];
    const done = await Promise.all(
      lanes.map((lane) =>
        lane.catch((error: unknown) => {
          this.logger.error(`a reconciler lane could not read the due-queue: ${String(error)}`);
          return 0;
        }),
      ),
    );
    return done.reduce((sum, n) => sum + n, 0);
  }

  /**
   * Reconciles `first` (or claims one), then claims and reconciles one after another until none is
   * left. An `extra` lane claims nothing while the event loop is busy: it waits a tick and looks again.
   */
  private async lane(first: AppointmentEntity | null, extra: boolean): Promise<number> {
    let done = 0;
    let claimed = first;
    for (;;) {
      if (!claimed) {
        if (this.stopping) break;
        if (extra && this.loopBusy) {
          await new Promise((resolve) => setTimeout(resolve, TICK_MS).unref());
          continue;
        }
        claimed = await this.claimNext();
        if (!claimed) break;
      }
      const a = claimed;
      await this.reconcile(a).catch((error: unknown) =>
        this.logger.error(`reconciling appointment ${a.id} crashed: ${String(error)}`),
      );
      done++;
      claimed = null;
    }
    return done;
  }

  /** Whether the event loop spent more than `BUSY_LOOP` of the last tick running. */
  private sampleLoop(): void {
    const now = performance.eventLoopUtilization();
    this.loopBusy = performance.eventLoopUtilization(now, this.loopAt).utilization > BUSY_LOOP;
    this.loopAt = now;
  }

  private async claimNext(): Promise<AppointmentEntity | null> {
    const now = this.clock.now();
    const claim = `${this.owner}:${(this.claims += 1)}`;
    const repo = this.dataSource.getRepository(AppointmentEntity);
    const candidates = await repo
      .createQueryBuilder('a')
      .select(['a.id'])
      .where('a.due_at <= :now', { now })
      .andWhere('(a.lease_until IS NULL OR a.lease_until < :now)', { now })
      .orderBy('a.due_at', 'ASC')
      .take(10)
      .getMany();
    for (const { id } of candidates) {
      const claimed = await this.dataSource
        .createQueryBuilder()
        .update(AppointmentEntity)
        .set({ leaseOwner: claim, leaseUntil: new Date(now.getTime() + LEASE_MS) })
        .where('id = :id AND due_at <= :now', { id, now })
        .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
        .execute();
      if (claimed.affected !== 1) continue;
      const a = await repo.findOneByOrFail({ id });
      // Ours unless it changed hands in between (a lease past its 60 s and clocks far apart): then leave it.
      if (a.leaseOwner === claim) return a;
    }
    return null;
  }

  private async reconcile(a: AppointmentEntity): Promise<void> {
    const host: MeetingHost = { providerId: a.providerId, clinicId: a.clinicId };
    try {
      const provider = this.providers.find(a.videoProvider);
      if (!provider) {
        throw new VideoProviderError(
          'video_provider_unavailable',
          `${a.videoProvider} meetings are not available here.`,
        );
      }
      const mappings = this.mappings.of(a.videoProvider);
      const mapping = await mappings.ensure(a.id);
      const current = mappings.meetingOf(mapping);
      // A completed visit's meeting is history, not something to delete.
      if (a.status === 'completed') {
        await this.settle(a, { meetingStatus: a.meetingStatus, vendorMeetingId: a.vendorMeetingId });
        return;
      }
      if (a.status === 'cancelled') {
        if (current) await provider.delete(host, current);
        await mappings.cancelled(a.id, a.version);
        await this.settle(a, {
          meetingStatus: 'cancelled',
          vendorMeetingId: current?.vendorMeetingId ?? null,
        });
        return;
      }
      const spec: MeetingSpec = {
        appointmentId: a.id,
        marker: mapping.marker,
        topic: a.title,
        startTime: a.startTime,
        durationMinutes: a.durationMinutes,
        timezone: a.timezone,
        requireAuthentication: await this.clinics.requireAuthentication(a.clinicId),
      };
      let meeting = current;
      const write = !meeting || mapping.observedVersion !== a.version;
      if (!meeting) {
        const retrying = mapping.createAttemptedAt !== null;
        await mappings.markCreateAttempted(a.id);
        meeting = await provider.create(host, spec, retrying);
      } else if (write) {
        meeting = await provider.update(host, meeting, spec);
      }
      await mappings.confirm(a.id, meeting, a.version, write);
      const firstReady = a.meetingStatus !== 'ready';
      await this.settle(
        a,
        { meetingStatus: 'ready', vendorMeetingId: meeting.vendorMeetingId },
        firstReady ? 'appointment.meeting_ready' : undefined,
      );
    } catch (error) {
      await this.failed(a, error);
    }
  }

  /**
   * Observed = desired at `a.version`: leave the queue unless the appointment changed meanwhile.
   * Marking a meeting ready, a deletion at the vendor reported while the call was under way stands (the
   * webhook failed it): the lease is released and the appointment left for a person. `event` is
   * audited in the same transaction as the change, only if the change is made: both or neither.
   */
  private settle(
    a: AppointmentEntity,
    state: Pick<AppointmentEntity, 'meetingStatus' | 'vendorMeetingId'>,
    event?: 'appointment.meeting_ready',
  ): Promise<void> {
    return runInTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(AppointmentEntity);
      const settled = await repo.update(
        {
          id: a.id,
          leaseOwner: claimOf(a),
          ...(state.meetingStatus === 'ready'
            ? { meetingLastError: Or(IsNull(), Not(MEETING_DELETED_AT_VENDOR)) }
            : {}),
        },
        {
          ...state,
          meetingLastError: null,
          attempts: 0,
          leaseOwner: null,
          leaseUntil: null,
          // In the same statement that releases the lease, so that no lane sees it due and unleased: it
          // leaves the queue unless the appointment changed meanwhile (then it stays due, for the change).
          dueAt: () => `CASE WHEN version = ${Number(a.version)} THEN NULL ELSE due_at END`,
        },
      );
      if (settled.affected) {
        if (event) await this.record(manager, a, event);
        return;
      }
      await repo.update(
        { id: a.id, leaseOwner: claimOf(a) },
        { leaseOwner: null, leaseUntil: null, dueAt: null },
      );
    });
  }

  /**
   * Records the failed attempt and when to try again. A failure that needs a person is audited once (not
   * on every slow retry), in the same transaction as the change, and only if this claim still held it.
   */
  private async failed(a: AppointmentEntity, error: unknown): Promise<void> {
    const now = this.clock.now().getTime();
    const attempts = a.attempts + 1;
    let code = 'vendor_error';
    let retryAt = new Date(now + backoffMs(attempts));
    let meetingStatus = a.meetingStatus;
    if (error instanceof VideoProviderError) {
      code = error.code;
      // A reset time already past (clock skew) must not turn into a retry on every tick.
      if (code === 'rate_limited' && error.retryAt && error.retryAt.getTime() > now) retryAt = error.retryAt;
      if (NEEDS_A_PERSON.has(code)) {
        meetingStatus = 'failed';
        retryAt = new Date(now + SLOW_RETRY_MS);
      }
      // Deleted at the vendor: a clear failure, never a silent recreation (the patient's link would change).
      if (code === MEETING_NOT_FOUND) meetingStatus = 'failed';
    } else {
      this.logger.warn(`appointment ${a.id}: attempt ${attempts} failed: ${String(error)}`);
    }
    await Promise.resolve()
      .then(() => this.mappings.of(a.videoProvider).failed(a.id, code))
      .catch(() => undefined);
    const outcome = { meetingStatus, meetingLastError: code, attempts, leaseOwner: null, leaseUntil: null };
    await runInTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(AppointmentEntity);
      let written = await repository.update(
        { id: a.id, leaseOwner: claimOf(a), dueAt: a.dueAt ?? IsNull() },
        { ...outcome, dueAt: code === MEETING_NOT_FOUND ? null : retryAt },
      );
      if (!written.affected) {
        // Made due again while this attempt was under way (a change, or a person fixing access, in
        // another process): that stands, and the next attempt comes now rather than after the backoff.
        written = await repository.update({ id: a.id, leaseOwner: claimOf(a) }, outcome);
      }
      if (written.affected && meetingStatus === 'failed' && a.meetingLastError !== code) {
        await this.record(manager, a, 'appointment.meeting_failed', { reason: code });
      }
    });
  }

  private async record(
    manager: EntityManager,
    a: AppointmentEntity,
    action: 'appointment.meeting_ready' | 'appointment.meeting_failed',
    details: Record<string, string> = {},
  ): Promise<void> {
    await this.audit.record(manager, {
      actor: { kind: 'system' },
      clinicId: a.clinicId,
      action,
      target: { type: 'appointment', id: a.id },
      outcome: action === 'appointment.meeting_ready' ? 'success' : 'failure',
      details: { videoProvider: a.videoProvider, ...details },
    });
  }
}

/** The claim that holds `a`'s lease: `a` as read right after claiming it. */
function claimOf(a: AppointmentEntity): string {
  if (!a.leaseOwner) throw new Error(`appointment ${a.id} was read without its claim`);
  return a.leaseOwner;
}
