import { Injectable, Logger } from '@nestjs/common';

/**
 * What a person just set right: one provider's vendor access (connected, or a broken connection
 * disconnected so that another host may be used), or a whole clinic's. `vendor`, when
 * given, says whose access it was: the reconciler retries everything that waited for that provider or
 * clinic whatever it says; the Google calendar sync skips another vendor's fix (a fix without one may
 * be anybody's, a Zoom user chosen, say).
 */
export type CredentialFix =
  | { scope: 'provider'; userId: string; vendor?: string }
  | { scope: 'clinic'; clinicId: string; vendor?: string };

type Listener = (fix: CredentialFix) => Promise<void>;

/**
 * Tells whoever waits on vendor access that a person fixed it: a provider connected an account (or
 * disconnected one, or the vendor says they removed the app, so another host may be used), a clinic
 * admin saved the clinic's vendor account or chose a provider's vendor user. The reconciler
 * listens and retries at once the meetings that were waiting for that fix, instead of at their next
 * slow retry. In-process: the listener's writes (not this notice) reach the other API processes.
 */
@Injectable()
export class CredentialFixes {
  private readonly logger = new Logger(CredentialFixes.name);
  private readonly listeners = new Set<Listener>();

  /** Calls `listener` on every fix from now on; returns what stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Reports a fix, once it is committed, and resolves when every listener has acted on it. A listener
   * that fails is logged, never thrown at the one who fixed things: their change stands either way,
   * and the slow retry still comes.
   */
  async fixed(fix: CredentialFix): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(fix);
      } catch (error) {
        this.logger.error(`acting on a fixed ${fix.vendor ?? 'vendor'} credential failed: ${String(error)}`);
      }
    }
  }
}
