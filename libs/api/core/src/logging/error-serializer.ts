import type { LogFn, Logger } from 'pino';
import { TypeORMError } from 'typeorm';

/**
 * What the log keeps of an error. Only these four: an error object carries whatever its library put on
 * it (TypeORM's `query`, `parameters` and `driverError`, mysql2's `sql` with the values filled in,
 * gaxios's `config` with the request's headers and body, `cause`), and any of it may hold patient data
 * or secrets.
 */
export interface LoggedError {
  type: string;
  /**
   * The error's own `code` (`ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`, `ECONNREFUSED`). Not named
   * `code`: the redaction paths censor every `*.code` (OAuth authorization codes).
   */
  errorCode?: string;
  /**
   * For database errors, with every quoted run masked (their messages quote the values of the query),
   * and absent when that cannot be done cleanly.
   */
  message?: string;
  /** The stack's frames only: its first line repeats the message. */
  stack?: string;
}

const MAX_MESSAGE = 500;
const MAX_FRAMES = 30;
const ERROR_CODE = /^[\w.:-]{1,64}$/;
/** Fields the database drivers put on their errors (mysql2's and TypeORM's), beside the message. */
const DRIVER_FIELDS = ['sql', 'sqlMessage', 'sqlState', 'driverError'] as const;

/**
 * pino's `err` serializer. pino-http hands it pino's standard serialization of the error (every field
 * copied, the original under a non-enumerable `raw`); the error itself is read either way.
 */
export function serializeError(value: unknown): LoggedError {
  const error = original(value);
  if (!(error instanceof Error)) return { type: typeName(value) };
  const logged: LoggedError = { type: typeName(error) };
  const code = (error as { code?: unknown }).code;
  if (
    (typeof code === 'string' && ERROR_CODE.test(code)) ||
    (typeof code === 'number' && Number.isFinite(code))
  ) {
    logged.errorCode = String(code);
  }
  const message = fromDatabase(error) ? maskQuoted(error.message) : error.message;
  if (message !== undefined) logged.message = message.slice(0, MAX_MESSAGE);
  const frames = framesOf(error);
  if (frames) logged.stack = frames;
  return logged;
}

/**
 * pino's `logMethod` hook. Given an error and no text (`logger.error(error)`, `logger.error({ err })`),
 * pino makes the error's raw message the line's `msg`, past the serializer; this gives it the
 * serializer's message (or the type) instead.
 */
export function messageForBareErrors(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  // Nest's Logger passes the missing text on as `undefined`.
  const [first, text] = args;
  if (text === undefined && typeof first === 'object' && first !== null && !('msg' in first)) {
    const error = first instanceof Error ? first : (first as { err?: unknown }).err;
    if (error instanceof Error) {
      const logged = serializeError(error);
      method.call(this, first, logged.message ?? logged.type);
      return;
    }
  }
  method.apply(this, args);
}

function original(value: unknown): unknown {
  if (value instanceof Error || typeof value !== 'object' || value === null) return value;
  return (value as { raw?: unknown }).raw ?? value;
}

/**
 * mysql2 quotes the offending value ("Duplicate entry 'jane@example.test' for key …", "Incorrect string
 * value: …", syntax errors with the interpolated SQL), TypeORM repeats the driver's message
 * (QueryFailedError) or prints the criteria (EntityNotFoundError), and SQLite names what it trips over.
 * Their `code` says what went wrong without the values.
 */
function fromDatabase(error: Error): boolean {
  return (
    error instanceof TypeORMError ||
    error.name === 'SqliteError' ||
    DRIVER_FIELDS.some((field) => field in error)
  );
}

const QUOTED = /(['"`])(?:\\.|(?!\1)[^\\])*\1/g;
const MASK = /(['"`])…\1/g;
/** A mask touching a word: quotes nested in quoted SQL (`near '…'jane'…'`) left a value between two. */
const MASK_TOUCHING_WORD = /[\w@](['"`])…\1|(['"`])…\2[\w@]/;

/**
 * A database message with what it quotes masked (`Duplicate entry '…' for key '…'`, `no such column:
 * "…"`); undefined when the quoting does not pair up cleanly, since a value may then sit outside it.
 * What such a message says unquoted (SQLite's `no such table: join_links`, `UNIQUE constraint failed:
 * users.email`) names the schema, never a value, and is what an operator needs to see.
 */
export function maskQuoted(message: string): string | undefined {
  const masked = message.replace(QUOTED, '$1…$1');
  if (MASK_TOUCHING_WORD.test(masked) || /['"`]/.test(masked.replace(MASK, ''))) return undefined;
  return masked;
}

function typeName(value: unknown): string {
  if (value instanceof Error) {
    const ctor = (value as { constructor?: unknown }).constructor;
    return (typeof ctor === 'function' && ctor.name ? ctor.name : value.name).slice(0, 100);
  }
  return value === null ? 'null' : typeof value;
}

/** V8's stack opens with `Type: message`; the message is taken out first, in case it spans lines. */
function framesOf(error: Error): string | undefined {
  if (typeof error.stack !== 'string') return undefined;
  const stack = error.message ? error.stack.replace(error.message, '') : error.stack;
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES);
  return frames.length ? frames.join('\n') : undefined;
}
