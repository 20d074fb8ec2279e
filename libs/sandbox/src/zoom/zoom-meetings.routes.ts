import { type Request, type Response, Router } from 'express';
import { callLocals } from '../common/vendor-call.middleware';
import { actingUser, hasScope, zoomAuth, zoomJsonBody } from './zoom-auth.middleware';
import {
  meetingNotDeletable,
  meetingNotFound,
  meetingStarted,
  validationFailed,
  zoomError,
} from './zoom-errors';
import { meetingSummary, meetingView, scheduleOf } from './zoom-meetings';
import { validateRequest } from './zoom-openapi';
import { decodePageToken, encodePageToken, pageSize } from './zoom-paging';
import type { ZoomState } from './zoom-state';

const LIST_TYPES = new Set(['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings']);

/** Meeting create, get, update, delete and list under `/v2`. */
export function zoomMeetingsRoutes(state: ZoomState): Router {
  const router = Router();
  const { directory, meetings, dailyCap } = state;
  const body = zoomJsonBody();
  /** Links point back at the fake, so a browser following one stays in the sandbox. */
  const webBase = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;

  /** The meeting, if this token may see it: its own user's, or any in a Server-to-Server token's account. */
  const visibleMeeting = (res: Response, meetingId: string, wording: 'get' | 'update' | 'delete') => {
    const auth = zoomAuth(res);
    const meeting = meetings.find(meetingId);
    const host = meeting ? directory.user(meeting.hostId) : undefined;
    const allowed = host && (auth.user ? host.id === auth.user.id : host.accountId === auth.grant.accountId);
    if (!meeting || !host || !allowed) {
      meetingNotFound(res, meetingId, wording);
      return undefined;
    }
    callLocals(res).subject = host.id;
    return { meeting, host };
  };

  router.post('/v2/users/:userId/meetings', ...body, (req, res) => {
    if (!hasScope(res, 'createMeeting')) return;
    const host = actingUser(state, res, String(req.params.userId), 'act');
    if (!host) return;
    const errors = validateRequest('createMeeting', req.body);
    if (errors.length > 0) return validationFailed(res, errors);
    if (!dailyCap.take(res, host.id)) return;
    const account = directory.ensureAccount(host.accountId);
    const meeting = meetings.create(host, account, req.body as Record<string, unknown>);
    res.status(201).json(meetingView(meetings, meeting, host, webBase(req)));
  });

  router.get('/v2/users/:userId/meetings', (req, res) => {
    if (!hasScope(res, 'listMeetings')) return;
    const host = actingUser(state, res, String(req.params.userId), 'act');
    if (!host) return;
    const type = typeof req.query['type'] === 'string' ? req.query['type'] : 'scheduled';
    const size = pageSize(req.query['page_size']);
    if (!LIST_TYPES.has(type) || size === undefined) {
      const field = LIST_TYPES.has(type) ? 'page_size' : 'type';
      return zoomError(res, 400, 300, 'Validation Failed.', [{ field, message: 'Invalid field.' }]);
    }
    const all = meetings.listFor(host.id, type);
    const start = decodePageToken(req.query['next_page_token'], `meetings:${host.id}:${type}`);
    if (start === undefined) return zoomError(res, 400, 300, 'The next page token is invalid or expired.');
    const next =
      start + size < all.length ? encodePageToken(`meetings:${host.id}:${type}`, start + size) : '';
    res.json({
      page_size: size,
      total_records: all.length,
      next_page_token: next,
      meetings: all.slice(start, start + size).map((m) => meetingSummary(meetings, m, webBase(req))),
    });
  });

  router.get('/v2/meetings/:meetingId', (req, res) => {
    if (!hasScope(res, 'getMeeting')) return;
    const found = visibleMeeting(res, req.params.meetingId, 'get');
    if (found) res.json(meetingView(meetings, found.meeting, found.host, webBase(req)));
  });

  router.patch('/v2/meetings/:meetingId', ...body, (req, res) => {
    if (!hasScope(res, 'updateMeeting')) return;
    const found = visibleMeeting(res, String(req.params.meetingId), 'update');
    if (!found) return;
    const errors = validateRequest('updateMeeting', req.body);
    if (errors.length > 0) return validationFailed(res, errors);
    if (found.meeting.progress === 'started') return meetingStarted(res);
    if (!dailyCap.take(res, found.host.id)) return;
    const before = scheduleOf(found.meeting);
    meetings.update(
      found.meeting,
      directory.ensureAccount(found.host.accountId),
      req.body as Record<string, unknown>,
    );
    res.status(204).end();
    state.onApiUpdate?.(found.meeting, before);
  });

  router.delete('/v2/meetings/:meetingId', (req, res) => {
    if (!hasScope(res, 'deleteMeeting')) return;
    const found = visibleMeeting(res, req.params.meetingId, 'delete');
    if (!found) return;
    const { progress } = found.meeting;
    if (progress !== 'waiting') return meetingNotDeletable(res, progress);
    meetings.delete(found.meeting);
    res.status(204).end();
  });

  return router;
}

/**
 * The web pages a `start_url` or `join_url` opens, reduced to whether the link is still good: a start
 * link dies about two hours after it was handed out.
 */
export function zoomMeetingPages(state: ZoomState): Router {
  const router = Router();
  router.get('/s/:meetingId', (req, res) => {
    const zak = typeof req.query['zak'] === 'string' ? req.query['zak'] : '';
    const ok = state.meetings.startLinkValid(req.params.meetingId, zak);
    res
      .status(ok ? 200 : 410)
      .type('text')
      .send(ok ? `Meeting ${req.params.meetingId} started (sandbox).` : 'This start link has expired.');
  });
  router.get('/j/:meetingId', (req, res) => {
    const ok = !!state.meetings.find(req.params.meetingId);
    res
      .status(ok ? 200 : 404)
      .type('text')
      .send(ok ? `Joining meeting ${req.params.meetingId} (sandbox).` : 'This meeting does not exist.');
  });
  return router;
}
