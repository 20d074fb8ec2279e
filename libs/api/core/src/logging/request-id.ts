import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed `X-Request-Id` from a trusted proxy, otherwise makes a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const offered = req.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
}

/**
 * Express middleware, mounted before everything else: every request gets its id (and the response
 * its X-Request-Id header) before any parser, guard or filter can need it.
 */
export function assignRequestId(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
  next: () => void,
): void {
  req.id = requestIdFor(req);
  res.setHeader('x-request-id', req.id);
  next();
}
