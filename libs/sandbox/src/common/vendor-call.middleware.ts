import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FakeContext } from './fake-context';

/**
 * Set by a fake's handlers so the call log can say whose token was used and which grant was asked.
 * Only identifiers, never token values.
 */
export interface VendorCallLocals {
  subject?: string;
  grantType?: string;
  fault?: 'error' | 'timeout';
}

export function callLocals(res: Response): VendorCallLocals {
  return res.locals as VendorCallLocals;
}

/**
 * In front of a fake vendor's routes: records each call when its response finishes, then applies the
 * fault knobs (latency, a 5xx in the vendor's own error shape, or a call never answered).
 */
export function vendorCall(
  ctx: FakeContext,
  vendor: 'zoom' | 'google',
  errorBody: (status: number) => unknown,
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    const mount = path.indexOf(`/${vendor}/`);
    const local = mount >= 0 ? path.slice(mount + vendor.length + 1) : path;
    const record = () => {
      const locals = callLocals(res);
      ctx.calls.record({
        vendor,
        method: req.method,
        path: local,
        status: locals.fault === 'timeout' ? 0 : res.statusCode,
        ...(locals.subject ? { subject: locals.subject } : {}),
        ...(locals.grantType ? { grantType: locals.grantType } : {}),
        ...(locals.fault ? { fault: locals.fault } : {}),
      });
    };
    res.once('finish', record);
    res.once('close', () => {
      if (!res.writableFinished) record();
    });

    const proceed = () => {
      const { failureRate, timeoutRate, timeoutHoldMs } = ctx.knobs;
      const roll = Math.random();
      if (roll < timeoutRate) {
        callLocals(res).fault = 'timeout';
        const timer = setTimeout(() => req.socket.destroy(), timeoutHoldMs);
        req.socket.once('close', () => clearTimeout(timer));
        return;
      }
      if (roll < timeoutRate + failureRate) {
        callLocals(res).fault = 'error';
        const status = Math.random() < 0.5 ? 500 : 503;
        res.status(status).json(errorBody(status));
        return;
      }
      next();
    };
    if (ctx.knobs.latencyMs > 0) setTimeout(proceed, ctx.knobs.latencyMs);
    else proceed();
  };
}
