/**
 * A secret handed from a form to a request and read exactly once. TanStack Query keeps a mutation's
 * variables in its mutation cache for as long as the mutation is shown; with the secret in this box,
 * what stays there after the request left is an empty box, never the secret itself.
 */
export class OneTimeSecret {
  #value: string | null;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret, once; a second read throws rather than send an empty secret. */
  take(): string {
    const value = this.#value;
    if (value === null) throw new Error('the secret was already sent');
    this.#value = null;
    return value;
  }

  /** Whether `take()` was called. */
  get taken(): boolean {
    return this.#value === null;
  }

  /** Logs and devtools print this instead of the secret. */
  toJSON(): string {
    return '[secret]';
  }

  toString(): string {
    return '[secret]';
  }
}
