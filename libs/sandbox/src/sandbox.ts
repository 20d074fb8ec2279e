import express, { Router } from 'express';
import { CallLog } from './common/call-log';
import type { FakeContext } from './common/fake-context';
import { DEFAULT_KNOBS, type SandboxKnobs, updateKnobs } from './common/knobs';
import type { SandboxOptions } from './common/sandbox-options';
import { GoogleFake } from './google/google-fake';
import { ZoomFake } from './zoom/zoom-fake';

export interface Sandbox {
  /** Mount at `/sandbox`: vendors under `/zoom` and `/google`, test controls under `/_control`. */
  router: Router;
  knobs: SandboxKnobs;
  calls: CallLog;
  zoom: ZoomFake;
  google: GoogleFake;
}

/**
 * Fake Zoom and Google that follow the vendors' specifications (`shared/specs`), with failure knobs
 * and a call log. Used in-process by `npm start` (SANDBOX) and standalone by specs and benchmarks.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const now = options.now ?? Date.now;
  const knobs: SandboxKnobs = { ...DEFAULT_KNOBS };
  const calls = new CallLog(now);
  const ctx: FakeContext = { options, knobs, calls, now };
  const zoom = new ZoomFake(ctx);
  const google = new GoogleFake(ctx);

  const control = Router();
  control.use(express.json());
  control.get('/knobs', (_req, res) => {
    res.json(knobs);
  });
  control.put('/knobs', (req, res) => {
    try {
      updateKnobs(knobs, (req.body ?? {}) as Record<string, unknown>);
      res.json(knobs);
    } catch (error) {
      res.status(400).json({ error: (error as Error).message });
    }
  });
  control.get('/calls', (req, res) => {
    const filter: Record<string, string> = {};
    for (const key of ['vendor', 'subject', 'method', 'grantType']) {
      const value = req.query[key];
      if (typeof value === 'string') filter[key] = value;
    }
    res.json(calls.list(filter));
  });
  control.delete('/calls', (_req, res) => {
    calls.clear();
    res.status(204).end();
  });
  control.use('/zoom', zoom.controlRouter);
  control.use('/google', google.controlRouter);

  const router = Router();
  router.use('/zoom', zoom.router);
  router.use('/google', google.router);
  router.use('/_control', control);
  return { router, knobs, calls, zoom, google };
}
