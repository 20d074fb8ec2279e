import { Injectable, Logger } from '@nestjs/common';
import { Clock, type RequestMeta } from '@televisit/api-core';
import { ZoomMappingStore } from '../reconcile/zoom-mapping.store';
import { MEETING_NOT_FOUND } from '../video-provider/video-provider.port';
import { type JoinTarget, JoinLookup } from './join-lookup';
import { joinTokenHash } from './join-token';
import { JoinUseAudit } from './join-use-audit';
import { joinDecision, visitWindow } from './visit-window';

/** The shape `newJoinToken()` makes: 32 bytes in base64url. Anything else is not looked up at all. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** Join URLs kept opened; past this, the memo starts again empty. */
const MAX_OPENED = 1_000;

export type JoinOutcome =
  | { kind: 'not_found' }
  | { kind: 'redirect'; url: string }
  | { kind: 'too_early'; opensAt: Date; timezone: string }
  | { kind: 'not_ready' }
  | { kind: 'gone' };

/**
 * Resolves a patient's link: the token is looked up by its hash, the visit window and the meeting decide
 * where it leads, and every use of a real link is audited. The token itself is never logged or recorded.
 */
@Injectable()
export class JoinLinks {
  private readonly logger = new Logger(JoinLinks.name);
  /**
   * Join URLs already opened from the vault, by appointment, least recently used first, each with the
   * sealed value it was opened from: a link opened again (every patient's browser retries, refreshes)
   * costs no decryption. A changed or resealed URL is another sealed value and is opened again, and an
   * entry is dropped once its visit window has closed. The process holds these URLs in the clear anyway
   * while it redirects, and the vault's key with them.
   */
  private readonly opened = new Map<string, { sealed: string; url: string | null; until: number }>();

  constructor(
    private readonly lookup: JoinLookup,
    private readonly zoomMappings: ZoomMappingStore,
    private readonly uses: JoinUseAudit,
    private readonly clock: Clock,
  ) {}

  async open(token: string, meta: RequestMeta): Promise<JoinOutcome> {
    const target = await this.targetOf(token);
    if (!target) return { kind: 'not_found' };
    const now = this.clock.now();
    // The vendor URL is opened from the vault only when the window says the patient may go in.
    const url = joinDecision(target, true, now) === 'redirect' ? this.meetingUrl(target, now) : null;
    const decision = joinDecision(target, url !== null, now);
    await this.uses.record({
      appointmentId: target.appointmentId,
      clinicId: target.clinicId,
      decision,
      meta,
    });
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

  private async targetOf(token: string): Promise<JoinTarget | null> {
    if (!TOKEN_FORMAT.test(token)) {
      this.logger.warn('a patient join link with a malformed token was opened');
      return null;
    }
    const target = await this.lookup.find(joinTokenHash(token));
    if (!target) this.logger.warn('a patient join link that does not exist was opened');
    return target;
  }

  /** The vendor's join URL once the meeting is confirmed; null while it is being prepared. */
  private meetingUrl(target: JoinTarget, now: Date): string | null {
    if (target.videoProvider !== 'zoom') return null; // the only vendor the reconciler drives so far
    const mapping = target.zoom;
    // Only a confirmed meeting: one deleted at the vendor (found by us or reported by a webhook) is
    // `failed`, leads nowhere, and is not silently recreated. The error code is checked too: a process
    // still on an older release marks it with the code alone while a deploy rolls.
    if (!mapping || mapping.status !== 'ready' || mapping.lastError === MEETING_NOT_FOUND) return null;
    const url = mapping.sealedJoinUrl ? this.openJoinUrl(target, mapping.sealedJoinUrl, now) : null;
    if (url !== null && !/^https?:\/\//i.test(url)) {
      this.logger.error(
        `appointment ${target.appointmentId}: the stored join URL is not http(s); not redirecting`,
      );
      return null;
    }
    return url;
  }

  private openJoinUrl(target: JoinTarget, sealed: string, now: Date): string | null {
    const { appointmentId } = target;
    const known = this.opened.get(appointmentId);
    this.opened.delete(appointmentId);
    if (known && known.sealed === sealed && now.getTime() <= known.until) {
      this.opened.set(appointmentId, known); // now the most recently used
      return known.url;
    }
    const url = this.zoomMappings.joinUrlOf(appointmentId, sealed);
    // Drop the least recently used while there is no room, and those whose window has closed.
    for (const [oldest, entry] of this.opened) {
      if (this.opened.size < MAX_OPENED && entry.until >= now.getTime()) break;
      this.opened.delete(oldest);
    }
    const { closesAt } = visitWindow(target.startTime, target.durationMinutes);
    this.opened.set(appointmentId, { sealed, url, until: closesAt.getTime() });
    return url;
  }
}
