import type { NextFunction, Request, Response } from 'express';
import { isUnder, routePath } from './route-path';

export function isApiV1Path(rawPath: string): boolean {
  return isUnder(routePath(rawPath), '/api/v1');
}

/**
 * `Cache-Control: no-store` on every `/api/v1` answer: most carry patient data (names, emails, join
 * links) or secrets (host links, a new API key) that no browser or shared cache may keep. Set before the
 * handler runs, so a handler that means something else sets its own and that one is sent.
 */
export function noStoreForApi(req: Request, res: Response, next: NextFunction): void {
  if (isApiV1Path(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
