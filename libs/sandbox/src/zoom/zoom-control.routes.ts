import express, { type Request, type Response, Router } from 'express';
import type { ZoomFake } from './zoom-fake';

/**
 * Test controls over HTTP, mounted at `/sandbox/_control/zoom`; each is a thin JSON wrapper of the
 * ZoomFake method of the same name. Token values never leave the fake.
 */
export function zoomControlRoutes(fake: ZoomFake): Router {
  const router = Router();
  router.use(express.json());

  router.post('/apps', (req, res) => {
    const { accountId, clientId, clientSecret } = body(req);
    if (!isText(accountId) || !isText(clientId) || !isText(clientSecret)) {
      return bad(res, 'accountId, clientId and clientSecret are required strings');
    }
    fake.registerServerToServerApp({ accountId, clientId, clientSecret });
    res.status(201).json({ accountId, clientId });
  });

  router.post('/accounts/:accountId/users', (req, res) => {
    const { email, firstName, lastName } = body(req);
    if (!isText(email) || !email.includes('@')) return bad(res, 'email is required');
    if ((firstName !== undefined && !isText(firstName)) || (lastName !== undefined && !isText(lastName))) {
      return bad(res, 'firstName and lastName must be strings');
    }
    try {
      res.status(201).json(fake.addUser(req.params.accountId, { email, firstName, lastName }));
    } catch (error) {
      res.status(409).json({ error: (error as Error).message });
    }
  });

  router.get('/users', (req, res) => {
    const email = req.query['email'];
    if (typeof email !== 'string') return bad(res, 'email query parameter is required');
    const user = fake.findUser(email);
    if (!user) return res.status(404).json({ error: 'no such user' });
    res.json(user);
  });

  router.get('/users/:userId/grants', (req, res) => {
    res.json({ userId: req.params.userId, liveGrants: fake.liveGrantCount(req.params.userId) });
  });

  router.post('/users/:userId/deauthorize', async (req, res) => {
    try {
      res.json({ status: await fake.deauthorize(req.params.userId) });
    } catch (error) {
      res.status(409).json({ error: (error as Error).message });
    }
  });

  router.post('/tokens/expire', (_req, res) => {
    res.json({ expired: fake.expireAccessTokens() });
  });

  router.post('/webhooks', async (req, res) => {
    const { event, payload } = body(req);
    if (!isText(event) || !payload || typeof payload !== 'object')
      return bad(res, 'event and payload are required');
    try {
      res.json({ status: await fake.sendEvent(event, payload as Record<string, unknown>) });
    } catch (error) {
      res.status(409).json({ error: (error as Error).message });
    }
  });

  // The host moves the meeting in the Zoom app; Zoom then sends meeting.updated.
  router.patch('/meetings/:meetingId', async (req, res) => {
    const { start_time: startTime, duration } = body(req);
    if (startTime !== undefined && !isText(startTime)) return bad(res, 'start_time must be a date-time');
    if (
      duration !== undefined &&
      !(typeof duration === 'number' && Number.isInteger(duration) && duration > 0)
    )
      return bad(res, 'duration must be a whole number of minutes');
    try {
      const status = await fake.moveMeeting(String(req.params.meetingId), {
        ...(startTime !== undefined ? { start_time: startTime } : {}),
        ...(duration !== undefined ? { duration } : {}),
      });
      if (status === undefined) return res.status(404).json({ error: 'no such meeting' });
      res.json({ status });
    } catch (error) {
      res.status(409).json({ error: (error as Error).message });
    }
  });

  // The host starts the meeting in the Zoom app, or it ends.
  router.put('/meetings/:meetingId/progress', (req, res) => {
    const { progress } = body(req);
    if (progress !== 'started' && progress !== 'ended')
      return bad(res, "progress must be 'started' or 'ended'");
    if (!fake.runMeeting(String(req.params.meetingId), progress)) {
      return res.status(404).json({ error: 'no such meeting' });
    }
    res.json({ progress });
  });

  router.post('/webhooks/validate', async (_req, res) => {
    try {
      res.json(await fake.validateEndpoint());
    } catch (error) {
      res.status(409).json({ error: (error as Error).message });
    }
  });

  router.put('/accounts/:accountId/security', (req, res) => {
    const { waitingRoom, passcode } = body(req);
    if (
      (waitingRoom !== undefined && typeof waitingRoom !== 'boolean') ||
      (passcode !== undefined && typeof passcode !== 'boolean')
    ) {
      return bad(res, 'waitingRoom and passcode must be booleans');
    }
    res.json(
      fake.forceSecurity(req.params.accountId, {
        ...(waitingRoom !== undefined ? { waitingRoom } : {}),
        ...(passcode !== undefined ? { passcode } : {}),
      }),
    );
  });

  return router;
}

function body(req: Request): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function bad(res: Response, error: string): void {
  res.status(400).json({ error });
}
