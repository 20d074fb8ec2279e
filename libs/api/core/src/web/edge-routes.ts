import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type express from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import type { RequestMeta } from '../access/access.decorator';
import type { MaybePromise } from '../maybe-promise';
import { requestIdFor } from '../logging/request-id';
import { MetricsService } from '../operations/metrics.service';
import { securityHeaderSets } from './security-headers';

/**
 * A public GET route answered by plain node:http ahead of Express and Nest, for a path so hot that the
 * framework's per-request cost would dominate it (the patient's join link). It gets what every request
 * gets: a request id, security headers (all of them on pages, those a redirect can use on redirects),
 * an access-log line with a redacted URL and the request metric. It gets none of Nest's guards, pipes or filters, so `handle` must answer every outcome
 * itself through `reply`, never throw, and take no body.
 */
export interface EdgeRoute {
  /** The path prefix this route owns, e.g. `/join/`; GET and HEAD only. */
  prefix: string;
  /** How metrics name it, e.g. `/join/:token` (never the raw URL). */
  pattern: string;
  /**
   * Answers the request; `rest` is the path after the prefix, without the query string. It may answer
   * at once (returning nothing) or later (returning a promise); failing either way is answered 500.
   */
  handle(rest: string, meta: RequestMeta, reply: EdgeReply): MaybePromise<void>;
}

/** How an edge route answers. Each answer carries the request id and the security headers it needs. */
export interface EdgeReply {
  /**
   * A 302 to `location`, which is sent exactly as given. A redirect has no document, so it carries only
   * the security headers that mean something on one: HSTS (over https) and the route's own `headers`
   * (such as `Referrer-Policy`, which keeps the route's URL out of the next site's `Referer`).
   */
  redirect(location: string, headers: Readonly<Record<string, string>>): void;
  /** An HTML page with every security header the API sends (helmet's, as set up by `configureHttp`). */
  page(status: number, headers: Readonly<Record<string, string>>, html: string): void;
}

/**
 * Puts `routes` in front of the Express application on the application's HTTP server; everything
 * else goes on to Express exactly as before. Call after `configureHttp` and before `listen`.
 */
export function serveAheadOfExpress(
  app: INestApplication,
  routes: readonly EdgeRoute[],
  options: { https: boolean },
): void {
  const nest = app as NestExpressApplication;
  const server = nest.getHttpServer();
  const expressApp = nest.getHttpAdapter().getInstance();
  const [expressListener, ...others] = server.listeners('request') as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  if (!expressListener || others.length > 0) {
    throw new Error('serveAheadOfExpress expects Express to be the HTTP server’s only request listener');
  }
  const { page: pageHeaders, redirect: redirectHeaders } = securityHeaderSets(options);
  const metrics = nest.get(MetricsService);
  const ipOf = expressIp(expressApp);

  server.removeListener('request', expressListener);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const route =
      req.method === 'GET' || req.method === 'HEAD'
        ? routes.find((r) => url.startsWith(r.prefix))
        : undefined;
    if (!route) {
      expressListener(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    const requestId = requestIdFor(req);
    (req as IncomingMessage & { id?: string }).id = requestId;
    // Counted and logged as the answer is handed to the socket (Express's own line waits for
    // 'finish', one tick later; a listener per request is measurable on this path). Once only.
    let done = false;
    const answered = () => {
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        { method: req.method ?? 'GET', route: route.pattern, status: res.statusCode },
        seconds,
      );
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      // The logger's own serializers (logging.module.ts) shape and redact them, as for every request.
      PinoLogger.root[level]({ req, res, responseTime: Math.round(seconds * 1000) }, 'request completed');
    };
    const reply: EdgeReply = {
      redirect(location, headers) {
        res
          .writeHead(302, {
            ...redirectHeaders,
            ...headers,
            'X-Request-Id': requestId,
            Location: location,
            'Content-Length': '0',
          })
          .end();
        answered();
      },
      page(status, headers, html) {
        res
          .writeHead(status, {
            ...pageHeaders,
            ...headers,
            'X-Request-Id': requestId,
            'Content-Type': 'text/html; charset=utf-8',
            'Content-Length': String(Buffer.byteLength(html)),
          })
          .end(html);
        answered();
      },
    };
    const queryAt = url.indexOf('?');
    const rest = url.slice(route.prefix.length, queryAt === -1 ? undefined : queryAt);
    const userAgent = req.headers['user-agent'];
    const meta: RequestMeta = {
      ip: ipOf(req),
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 255) : null,
      requestId,
    };
    const failed = (error: unknown) => {
      PinoLogger.root.error({ err: error, req }, 'edge route failed');
      if (done) return; // it failed after answering: the answer stands
      if (!res.headersSent) {
        res.writeHead(500, {
          ...pageHeaders,
          'X-Request-Id': requestId,
          'Content-Type': 'text/plain; charset=utf-8',
        });
      }
      res.end('Something went wrong. Please try again.');
      answered();
    };
    try {
      const pending = route.handle(rest, meta, reply);
      if (pending) pending.catch(failed);
    } catch (error) {
      failed(error);
    }
  });
}

/**
 * `req.ip` as Express computes it (its `trust proxy` setting included) for a request Express never saw.
 * With no proxy trusted (the default), that is the socket's peer address, read directly.
 */
function expressIp(expressApp: express.Express): (req: IncomingMessage) => string | null {
  if (!expressApp.get('trust proxy')) return (req) => req.socket.remoteAddress ?? null;
  return (req) => {
    const view = Object.create(expressApp.request, {
      app: { value: expressApp },
      headers: { value: req.headers },
      socket: { value: req.socket },
      connection: { value: req.socket },
    }) as { ip?: string };
    return view.ip ?? null;
  };
}
