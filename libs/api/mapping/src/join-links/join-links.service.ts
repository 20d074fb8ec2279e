import { Injectable, Logger } from '@nestjs/common';
import { Clock, type MaybePromise, type RequestMeta, whenReady } from '@televisit/api-core';
import { MeetingMappings } from '../reconcile/meeting-mappings';
import { MEETING_NOT_FOUND } from '../video-provider/video-provider.port';
import { type JoinTarget, JoinLookup } from './join-lookup';
import { joinTokenHash } from './join-token';
import { JoinUseAudit } from './join-use-audit';
import { type JoinDecision, joinDecision, visitWindow } from './visit-window';

/** The shape `newJoinToken()` makes: 32 bytes in base64url. Anything else is not looked up at all. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** Join URLs kept opened; past this, the least recently used is dropped. */
const MAX_OPENED = 1_000;

export type JoinOutcome =
  | { kind: 'not_found' }
  | { kind: 'redirect'; url: string }
  | { kind: 'too_early'; opensAt: Date; timezone: string }
  | { kind: 'not_ready' }
  | { kind: 'gone' };

const NOT_FOUND: JoinOutcome = { kind: 'not_found' };

function outcomeOf(decision: JoinDecision, target: JoinTarget, url: string | null): JoinOutcome {
  switch (decision) {
    case 'redirect':
      return { kind: 'redirect', url: url as string };
    case 'too_early':
      return {
        kind: 'too_early',
        opensAt: visitWindow(target.startTime, target.durationMinutes).opensAt,
        timezone: target.timezone,
      };
    case 'not_ready':
      return { kind: 'not_ready' };
    case 'gone':
      return { kind: 'gone' };
  }
}

/**
 * Resolves a patient's link: the token is looked up by its hash, the visit window and the meeting decide
 * where it leads, and every use of a real link is audited. The token itself is never logged or recorded.
 */
@Injectable()
export class JoinLinks {
  private readonly logger = new Logger(JoinLinks.name);
  /**
   * Join URLs already opened from the vault and checked, by appointment, least recently used first, each
   * with the sealed value it was opened from (null for one that is not http(s)): a link opened again
   * (every patient's browser retries, refreshes) costs no decryption. A changed or resealed URL is another sealed value and is opened again, and an
   * entry is dropped once its visit window has closed. The process holds these URLs in the clear anyway
   * while it redirects, and the vault's key with them.
   */
  private readonly opened = new Map<string, { sealed: string; url: string | null; until: number }>();

  constructor(
    private readonly lookup: JoinLookup,
    private readonly mappings: MeetingMappings,
    private readonly uses: JoinUseAudit,
    private readonly clock: Clock,
  ) {}

  /**
   * Where the link `token` leads now, its use audited. At once when nothing needs waiting for (on
   * SQLite, a link opened again by the same browser): this runs on every opening of every patient
   * link, and every promise costs (the request logger's async hooks see each one).
   */
  open(token: string, meta: RequestMeta): MaybePromise<JoinOutcome> {
    if (!TOKEN_FORMAT.test(token)) {
      this.logger.warn(
        { requestId: meta.requestId },
        'a patient join link with a malformed token was opened',
      );
      return NOT_FOUND;
    }
    return whenReady(this.lookup.find(joinTokenHash(token)), (target) => this.decide(target, meta));
  }

  private decide(target: JoinTarget | null, meta: RequestMeta): MaybePromise<JoinOutcome> {
    if (!target) {
      this.logger.warn({ requestId: meta.requestId }, 'a patient join link that does not exist was opened');
      return NOT_FOUND;
    }
    const now = this.clock.now();
    let decision = joinDecision(target, true, now);
    // The vendor URL is opened from the vault only when the window says the patient may go in.
    const url = decision === 'redirect' ? this.meetingUrl(target, now) : null;
    if (decision === 'redirect' && url === null) decision = 'not_ready';
    const outcome = outcomeOf(decision, target, url);
    const audited = this.uses.record({
      appointmentId: target.appointmentId,
      clinicId: target.clinicId,
      decision,
      meta,
    });
    return audited ? audited.then(() => outcome) : outcome;
  }

  /** The vendor's join URL once the meeting is confirmed; null while it is being prepared. */
  private meetingUrl(target: JoinTarget, now: Date): string | null {
    const mapping = target.meeting;
    // Only a confirmed meeting: one deleted at the vendor (found by us or reported by a webhook) is
    // `failed`, leads nowhere, and is not silently recreated. The error code is checked too: a process
    // still on an older release marks it with the code alone while a deploy rolls.
    if (!mapping || mapping.status !== 'ready' || mapping.lastError === MEETING_NOT_FOUND) return null;
    return mapping.sealedJoinUrl ? this.openJoinUrl(target, mapping.sealedJoinUrl, now) : null;
  }

  private openJoinUrl(target: JoinTarget, sealed: string, now: Date): string | null {
    const { appointmentId } = target;
    const known = this.opened.get(appointmentId);
    this.opened.delete(appointmentId);
    if (known && known.sealed === sealed && now.getTime() <= known.until) {
      this.opened.set(appointmentId, known); // now the most recently used
      return known.url;
    }
    const url = this.checked(
      appointmentId,
      this.mappings.of(target.videoProvider).joinUrlOf(appointmentId, sealed),
    );
    // Drop the least recently used while there is no room, and those whose window has closed.
    for (const [oldest, entry] of this.opened) {
      if (this.opened.size < MAX_OPENED && entry.until >= now.getTime()) break;
      this.opened.delete(oldest);
    }
    const { closesAt } = visitWindow(target.startTime, target.durationMinutes);
    this.opened.set(appointmentId, { sealed, url, until: closesAt.getTime() });
    return url;
  }

  /** `url` if it is http(s), else null (said once, as it is opened): the patient is never sent elsewhere. */
  private checked(appointmentId: string, url: string | null): string | null {
    if (url === null || /^https?:\/\//i.test(url)) return url;
    this.logger.error(`appointment ${appointmentId}: the stored join URL is not http(s); not redirecting`);
    return null;
  }
}
