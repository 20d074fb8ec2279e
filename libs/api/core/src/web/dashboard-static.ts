import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isUnder, routePath } from './route-path';

/** Paths owned by the API; the SPA fallback never answers them. */
const API_PREFIXES = ['/api/', '/api', '/sandbox', '/join/', '/healthz', '/readyz', '/metrics'];

export function isApiPath(rawPath: string): boolean {
  const path = routePath(rawPath);
  return API_PREFIXES.some((prefix) => isUnder(path, prefix));
}

/**
 * Serves the built dashboard: hashed assets cached for a year, and `index.html` for any other GET
 * that asks for HTML (client-side routes). Returns false when no build is present.
 */
export function dashboardHandlers(
  dir: string,
): Array<(req: Request, res: Response, next: NextFunction) => void> | false {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, file) => {
      const immutable = file.includes(`${join(dir, 'assets')}`);
      res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fallback = (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || !req.accepts('html')) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  const staticFiles = (req: Request, res: Response, next: NextFunction): void => {
    if (isApiPath(req.path)) return next();
    void assets(req, res, next);
  };
  return [staticFiles, fallback];
}
