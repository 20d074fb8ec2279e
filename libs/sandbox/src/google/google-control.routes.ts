import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { GoogleFake } from './google-fake';
import { GoogleApiError } from './google-errors';

const int = (value: unknown, min: number, max: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON test controls over HTTP, each the twin of a public GoogleFake method. */
export function createControlRouter(fake: GoogleFake): Router {
  const router = Router();
  router.use(express.json());
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

  router.get('/users', (req, res) => {
    const email = typeof req.query.email === 'string' ? req.query.email : '';
    const user = fake.findUser(email);
    if (!user) throw new ControlError(404, `no Google user ${email}`);
    res.json(user);
  });
  router.get('/users/:sub/grants', (req, res) => {
    res.json({ grants: fake.listGrants(String(req.params.sub)) });
  });
  router.post('/users/:sub/revoke', (req, res) => {
    res.json({ revoked: fake.revokeUserGrants(String(req.params.sub)) });
  });
  router.post('/access-tokens/expire', (_req, res) => {
    res.json({ expired: fake.expireAccessTokens() });
  });
  router.put('/conferences/pending-reads', (req, res) => {
    const reads = int(body(req).reads, 0, 1000);
    if (reads === undefined) throw new ControlError(400, 'reads must be an integer from 0 to 1000');
    fake.setConferencePendingReads(reads);
    res.json({ reads });
  });
  router.put('/conferences/failures', (req, res) => {
    const count = int(body(req).count, 0, 1000);
    if (count === undefined) throw new ControlError(400, 'count must be an integer from 0 to 1000');
    fake.failConferences(count);
    res.json({ count });
  });
  router.post('/sync-tokens/expire', (_req, res) => {
    res.json({ expired: fake.expireSyncTokens() });
  });
  router.put('/rate-limit', (req, res) => {
    const count = int(body(req).count, 0, 1_000_000);
    const status = body(req).status ?? 403;
    if (count === undefined || (status !== 403 && status !== 429)) {
      throw new ControlError(400, 'count must be a non-negative integer and status 403 or 429');
    }
    fake.forceRateLimit(count, status);
    res.json({ remaining: count, status });
  });
  router.put('/quota', (req, res) => {
    const perUserPerMinute = int(body(req).perUserPerMinute, 1, 1_000_000_000);
    if (perUserPerMinute === undefined)
      throw new ControlError(400, 'perUserPerMinute must be a positive integer');
    fake.setQuotaPerMinute(perUserPerMinute);
    res.json({ perUserPerMinute });
  });
  router.get('/channels', (_req, res) => {
    res.json({ channels: fake.listChannels() });
  });
  router.delete('/channels/:id', (req, res) => {
    if (!fake.stopChannel(String(req.params.id))) throw new ControlError(404, 'no such channel');
    res.status(204).end();
  });
  router.get('/calendars/:calendarId/events/:eventId', (req, res) => {
    const event = fake.getEvent(String(req.params.calendarId), String(req.params.eventId));
    if (!event) throw new ControlError(404, 'no such event');
    res.json(event);
  });
  router.patch('/calendars/:calendarId/events/:eventId', (req, res) => {
    res.json(fake.changeEvent(String(req.params.calendarId), String(req.params.eventId), body(req)));
  });
  router.delete('/calendars/:calendarId/events/:eventId', (req, res) => {
    if (!fake.deleteEvent(String(req.params.calendarId), String(req.params.eventId))) {
      throw new ControlError(404, 'no such event, or already deleted');
    }
    res.status(204).end();
  });

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status =
      error instanceof ControlError ? error.status : error instanceof GoogleApiError ? error.code : 400;
    res.status(status).json({ error: error instanceof Error ? error.message : String(error) });
  });
  return router;
}
