/**
 * A value now, or a promise of it: what a hot path returns when it can often answer synchronously
 * (better-sqlite3 reads are synchronous; mysql2's are not). `await` takes both; code that must not
 * pay for a promise it does not need uses `whenReady`.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)`, at once when `value` is already there, after it settles when it is a promise. */
export function whenReady<T, R>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<R>,
): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
