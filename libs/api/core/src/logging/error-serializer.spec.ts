import { type ArgumentsHost, type INestApplication, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger as PinoNestLogger, PinoLogger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { ProblemFilter } from '../errors/problem.filter';
import { serializeError } from './error-serializer';
import { LoggingModule } from './logging.module';

const NAME = 'Jane Patient';
const EMAIL = 'jane@x.test';
const DUPLICATE_MASKED = "Duplicate entry '…' for key '…'";
const INSERT = 'INSERT INTO `appointments` (`patient_display_name`, `patient_email`) VALUES (?, ?)';

/** What mysql2 throws for a duplicate: the value in the message, the filled-in SQL beside it. */
function mysqlDuplicate(): Error {
  return Object.assign(new Error(`Duplicate entry '${EMAIL}' for key 'uq_patient'`), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlState: '23000',
    sqlMessage: `Duplicate entry '${EMAIL}' for key 'uq_patient'`,
    sql: `INSERT INTO appointments VALUES ('${NAME}', '${EMAIL}')`,
  });
}

describe('logged errors, through the logger the API runs with', () => {
  let app: INestApplication;
  let lines: string[];

  beforeEach(async () => {
    lines = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [LoggingModule.forRoot('info', destination)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useLogger(app.get(PinoNestLogger));
    await app.init();
  });

  afterEach(() => app.close());

  /** ProblemFilter answering a request whose answer was already sent: it only logs. */
  function failRequest(exception: unknown): void {
    const host = {
      switchToHttp: () => ({
        getRequest: () => ({ id: 'req-12345678' }),
        getResponse: () => ({ headersSent: true }),
      }),
    } as unknown as ArgumentsHost;
    new ProblemFilter().catch(exception, host);
  }

  /** The lines that log an error (Nest's own start-up line is not one). */
  function errorLines(): Array<{ msg?: string; err?: Record<string, unknown> }> {
    return lines
      .map((line) => JSON.parse(line) as { err?: Record<string, unknown> })
      .filter((line) => line.err);
  }

  function loggedErr(): Record<string, unknown> {
    const logged = errorLines();
    expect(logged).toHaveLength(1);
    return logged[0]?.err ?? {};
  }

  it('a 500 from a failed INSERT logs neither the query nor its values, and keeps type, code and stack', () => {
    failRequest(new QueryFailedError(INSERT, [NAME, EMAIL], mysqlDuplicate()));
    for (const value of [NAME, EMAIL, 'INSERT', 'patient_email'])
      expect(lines.join('\n')).not.toContain(value);
    const err = loggedErr();
    expect(err).toEqual({
      type: 'QueryFailedError',
      errorCode: 'ER_DUP_ENTRY',
      message: "Duplicate entry '…' for key '…'",
      stack: expect.any(String),
    });
    expect(err['stack']).toContain('error-serializer.spec.ts');
  });

  it('a driver error without a code keeps its type and stack', () => {
    failRequest(new QueryFailedError('INSERT…', [NAME, EMAIL], new Error('x')));
    expect(lines.join('\n')).not.toMatch(/Jane Patient|jane@x\.test|INSERT/);
    expect(loggedErr()).toEqual({
      type: 'QueryFailedError',
      message: 'x',
      stack: expect.stringContaining('    at '),
    });
  });

  it('applies to `logger.error(error)` and `{ err }` without text, whose message pino would make the line’s', () => {
    new Logger('Somewhere').error(mysqlDuplicate());
    PinoLogger.root.error({ err: mysqlDuplicate() });
    PinoLogger.root.error({ err: mysqlDuplicate() }, 'edge route failed');
    expect(lines.join('\n')).not.toContain(EMAIL);
    expect(errorLines()).toEqual([
      expect.objectContaining({
        msg: DUPLICATE_MASKED,
        err: expect.objectContaining({ errorCode: 'ER_DUP_ENTRY' }),
      }),
      expect.objectContaining({
        msg: DUPLICATE_MASKED,
        err: expect.objectContaining({ errorCode: 'ER_DUP_ENTRY' }),
      }),
      expect.objectContaining({ msg: 'edge route failed', err: expect.objectContaining({ type: 'Error' }) }),
    ]);
  });

  it('a bare error that is not the database’s keeps its message as the line’s', () => {
    new Logger('Somewhere').error(new RangeError('too deep'));
    expect(errorLines()).toEqual([expect.objectContaining({ msg: 'too deep', context: 'Somewhere' })]);
  });

  it('keeps the message of an error that is not the database’s', () => {
    failRequest(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(loggedErr()).toMatchObject({
      type: 'TypeError',
      message: "Cannot read properties of undefined (reading 'id')",
    });
  });
});

describe('serializeError', () => {
  it('keeps nothing else an error carries: request config, response, cause', () => {
    const gaxiosLike = Object.assign(new Error('Request failed with status code 400'), {
      code: '400',
      config: { headers: { Authorization: 'Bearer ya29.secret' }, data: { summary: NAME } },
      response: { data: { error: EMAIL } },
      cause: new Error(`about ${EMAIL}`),
    });
    const logged = serializeError(gaxiosLike);
    expect(logged).toEqual({
      type: 'Error',
      errorCode: '400',
      message: 'Request failed with status code 400',
      stack: expect.any(String),
    });
    expect(JSON.stringify(logged)).not.toMatch(/ya29|Jane|jane/);
  });

  it('masks what the messages of SQLite’s errors and of any error carrying SQL quote, and drops their first stack line', () => {
    const sqlite = (message: string) => {
      const error = Object.assign(new Error(message), { code: 'SQLITE_ERROR' });
      Object.defineProperty(error, 'name', { value: 'SqliteError' });
      return error;
    };
    for (const [error, message] of [
      [sqlite(`no such column: "${EMAIL}"`), 'no such column: "…"'],
      [sqlite('no such table: join_links'), 'no such table: join_links'],
      [mysqlDuplicate(), DUPLICATE_MASKED],
    ] as const) {
      const logged = serializeError(error);
      expect(logged.message).toBe(message);
      expect(JSON.stringify(logged)).not.toContain(EMAIL);
      expect(logged.stack).toMatch(/^ {4}at /);
    }
  });

  it('says nothing of a database message whose quoting does not pair up cleanly', () => {
    for (const message of [
      `near 'VALUES ('${NAME}', 'x')' at line 1`,
      `Incorrect string value: '${EMAIL}`,
      `Duplicate entry 'a' for key "b'`,
    ]) {
      const logged = serializeError(Object.assign(new Error(message), { sql: 'INSERT …' }));
      expect(logged.message).toBeUndefined();
      expect(JSON.stringify(logged)).not.toMatch(/Jane|jane/);
    }
  });

  it('bounds a long message and ignores a code that is not an identifier', () => {
    const logged = serializeError(Object.assign(new Error('m'.repeat(5000)), { code: { sql: EMAIL } }));
    expect(logged.message).toHaveLength(500);
    expect(logged.errorCode).toBeUndefined();
  });

  it('logs only the kind of a thrown value that is not an error', () => {
    expect(serializeError({ query: INSERT, parameters: [NAME] })).toEqual({ type: 'object' });
    expect(serializeError(EMAIL)).toEqual({ type: 'string' });
  });
});
