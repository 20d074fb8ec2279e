import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { messageForBareErrors, serializeError } from './error-serializer';
import { REDACTED_PATHS, redactUrl } from './redact';
import { requestIdFor } from './request-id';

/** JSON logs with a request id on every line and secrets redacted. */
@Module({})
export class LoggingModule {
  /** `destination` (stdout unless given) lets a spec read the lines exactly as they are written. */
  static forRoot(level: string, destination?: DestinationStream): DynamicModule {
    const options: Options = {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // assignRequestId (configure-http.ts) has already set it; pino-http reuses it.
      genReqId: (req: IncomingMessage & { id?: unknown }) =>
        typeof req.id === 'string' ? req.id : requestIdFor(req),
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Probes would drown the log; failures of them are still visible through /readyz.
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          userAgent: req.headers['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        // Every `err` logged, by pino-http and by `logger.error(error)` or `{ err }` alike.
        err: serializeError,
      },
      hooks: { logMethod: messageForBareErrors },
    };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options })],
    };
  }
}
