import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions<T> {
  /** What is awaited, for the error on timeout: e.g. "appointment 42's meeting to leave pending". */
  what: string;
  /** 15 s unless told. */
  timeoutMs?: number;
  /** Pause between reads; 100 ms unless told. */
  intervalMs?: number;
  /** How the last value is shown on timeout; `shown` (JSON, links and secrets left out) unless told. */
  describe?: (value: T) => string;
}

const SHOWN_MAX = 500;
/** Keys never printed: links carry tokens (patientJoinUrl, url, start_url), and anything secret. */
const HIDDEN_KEY = /url$|token|secret|password|passcode|pwd|authorization|cookie/i;

/** A value as JSON for an error message: link and secret fields left out, cut to 500 characters. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text =
      JSON.stringify(value, (key, v: unknown) => (key && HIDDEN_KEY.test(key) ? undefined : v)) ??
      'undefined';
  } catch {
    text = '[not printable as JSON]';
  }
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}… (${text.length} characters)` : text;
}

/**
 * Reads until `until(value)` holds and resolves with that value; reads at least once. When the time is
 * up it throws, naming what was awaited, how long and the last value read, so a timeout fails here and
 * not later as a puzzling assertion (or, where a spec checks that nothing happened, not at all). An
 * error from `read` ends the wait at once.
 */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  until: (value: T) => boolean,
  options: WaitForOptions<T>,
): Promise<T> {
  const { what, timeoutMs = 15_000, intervalMs = 100, describe = shown } = options;
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      throw new Error(`Timed out after ${waited} ms waiting for ${what}; last value: ${describe(value)}`);
    }
    await sleep(Math.min(intervalMs, timeoutMs - waited));
  }
}
