import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { FakeContext } from '../common/fake-context';
import { vendorCall } from '../common/vendor-call.middleware';
import type { CalendarCaller, CalendarGate } from './calendar-auth';
import {
  type CalendarStore,
  type EventResource,
  type ListQuery,
  newEventId,
  type StoredEvent,
} from './calendar-store';
import { requestBodyError } from './discovery-validator';
import { partialResponse } from './partial-response';
import { applyConferenceData, checkTimes, isValidEventId, newEvent, patchEvent } from './event-resource';
import { apiErrors, calendarFaultBody, GoogleApiError, sendApiError } from './google-errors';
import type { ConferencePlan } from './meet-conferences';
import type { ChannelResource, PushChannels } from './push-channels';

export interface CalendarDeps {
  ctx: FakeContext;
  gate: CalendarGate;
  store: CalendarStore;
  push: PushChannels;
  /** How a newly requested Meet conference turns out (test controls); asked once per request. */
  nextConference: () => ConferencePlan;
}

type Query = Request['query'];
const SYNC_FORBIDDEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

function queryString(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw apiErrors.invalid(`Invalid value for ${name}.`, name);
  return value;
}

function queryBool(query: Query, name: string): boolean | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw apiErrors.invalid(`Invalid boolean value: '${value}'.`, name);
  return value === 'true';
}

function queryInt(query: Query, name: string, min: number, max: number): number | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!/^-?\d+$/.test(value) || parsed < min || parsed > max)
    throw apiErrors.invalid(
      `Invalid value '${value}'. Values must be within the range: [${min}, ${max}]`,
      name,
    );
  return parsed;
}

/** timeMin/timeMax must be RFC 3339 with an offset; Calendar refuses a bare local time. */
function queryTime(query: Query, name: string): number | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const parsed = Date.parse(value);
  if (!valid || Number.isNaN(parsed)) throw apiErrors.invalid('Bad Request', name);
  return parsed;
}

function checkSendUpdates(query: Query): void {
  const value = queryString(query, 'sendUpdates');
  if (value !== undefined && !['all', 'externalOnly', 'none'].includes(value)) {
    throw apiErrors.invalid(`Invalid value for sendUpdates: ${value}`, 'sendUpdates');
  }
}

function checkBody(schema: string, body: unknown, methodId: string): void {
  const error = requestBodyError(schema, body, methodId);
  if (error) throw error;
}

const param = (req: Request, name: string) => String(req.params[name] ?? '');

/** Calendar v3 events and channels, mounted at `/calendar/v3`. */
export function createCalendarRouter(deps: CalendarDeps): Router {
  const { ctx, gate, store, push } = deps;
  const router = Router();
  router.use(vendorCall(ctx, 'google', calendarFaultBody));
  router.use(express.json({ type: () => true, limit: '1mb' }));

  /** `primary` or the caller's own address; other calendars do not exist in the sandbox. */
  const calendarOf = (caller: CalendarCaller, calendarId: string): string => {
    if (calendarId === 'primary' || calendarId.toLowerCase() === caller.user.email) return caller.user.email;
    throw apiErrors.notFound();
  };
  const eventOf = (calendarId: string, eventId: string): StoredEvent => {
    const stored = store.get(calendarId, eventId);
    if (!stored) throw apiErrors.notFound();
    return stored;
  };

  router.post('/calendars/:calendarId/events/watch', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.watch');
    const asGiven = param(req, 'calendarId');
    const calendarId = calendarOf(caller, asGiven);
    checkBody('Channel', req.body, 'calendar.events.watch');
    const channel = push.watch(req.body as ChannelResource, calendarId, asGiven, {
      sub: caller.user.sub,
      clientId: caller.clientId,
    });
    res.json(channel);
  });

  router.post('/calendars/:calendarId/events', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.insert');
    const calendarId = calendarOf(caller, param(req, 'calendarId'));
    const version = queryInt(req.query, 'conferenceDataVersion', 0, 1) ?? 0;
    checkSendUpdates(req.query);
    checkBody('Event', req.body, 'calendar.events.insert');
    const body = req.body as EventResource;
    let id = newEventId();
    if (body.id !== undefined && body.id !== null) {
      if (!isValidEventId(body.id)) throw apiErrors.invalid('Invalid resource id value.');
      if (store.get(calendarId, body.id)) throw apiErrors.duplicate();
      id = body.id;
    }
    const stored: StoredEvent = { resource: newEvent(body, id, calendarId, ctx.now()), changeSeq: 0 };
    checkTimes(stored.resource);
    applyConferenceData(stored, body.conferenceData, version, deps.nextConference);
    store.put(calendarId, stored);
    res.json(store.read(stored));
  });

  router.get('/calendars/:calendarId/events', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.list');
    const calendarId = calendarOf(caller, param(req, 'calendarId'));
    const q = req.query;
    const syncToken = queryString(q, 'syncToken');
    const showDeleted = queryBool(q, 'showDeleted');
    const singleEvents = queryBool(q, 'singleEvents') ?? false;
    const orderBy = queryString(q, 'orderBy');
    if (syncToken) {
      const clash = SYNC_FORBIDDEN.find((name) => q[name] !== undefined);
      if (clash) throw apiErrors.invalid(`Sync token cannot be used together with ${clash}.`, clash);
      // Incremental sync always carries deletions, so asking to hide them is refused.
      if (showDeleted === false)
        throw apiErrors.invalid('Deleted events must be shown in incremental sync.', 'showDeleted');
    }
    if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') {
      throw apiErrors.invalid(`Invalid value for orderBy: ${orderBy}`, 'orderBy');
    }
    if (orderBy === 'startTime' && !singleEvents) {
      throw apiErrors.invalid('The requested ordering is not available for the particular query.', 'orderBy');
    }
    const query: ListQuery = {
      syncToken,
      pageToken: queryString(q, 'pageToken'),
      timeMin: queryTime(q, 'timeMin'),
      timeMax: queryTime(q, 'timeMax'),
      showDeleted: showDeleted ?? false,
      orderBy,
      maxResults: queryInt(q, 'maxResults', 1, 2500) ?? 250,
    };
    if (query.timeMin !== undefined && query.timeMax !== undefined && query.timeMax <= query.timeMin) {
      throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.', 'calendar', {
        location: 'timeMax',
        locationType: 'parameter',
      });
    }
    const fields = queryString(q, 'fields');
    const page = store.list(calendarId, query);
    res.json(
      partialResponse(
        {
          kind: 'calendar#events',
          etag: `"p${page.updated.replace(/\D/g, '')}"`,
          summary: calendarId,
          updated: page.updated,
          timeZone: 'UTC',
          accessRole: 'owner',
          defaultReminders: [{ method: 'popup', minutes: 10 }],
          ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
          ...(page.nextSyncToken ? { nextSyncToken: page.nextSyncToken } : {}),
          items: page.items,
        },
        fields,
      ),
    );
  });

  router.get('/calendars/:calendarId/events/:eventId', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.get');
    const stored = eventOf(calendarOf(caller, param(req, 'calendarId')), param(req, 'eventId'));
    res.json(partialResponse(store.read(stored), queryString(req.query, 'fields')));
  });

  router.patch('/calendars/:calendarId/events/:eventId', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.patch');
    const calendarId = calendarOf(caller, param(req, 'calendarId'));
    const version = queryInt(req.query, 'conferenceDataVersion', 0, 1) ?? 0;
    checkSendUpdates(req.query);
    checkBody('Event', req.body, 'calendar.events.patch');
    const stored = eventOf(calendarId, param(req, 'eventId'));
    const body = req.body as EventResource;
    // Work on a copy so that a refused patch leaves the event as it was.
    const draft: StoredEvent = structuredClone(stored);
    patchEvent(draft, body);
    checkTimes(draft.resource);
    applyConferenceData(draft, body.conferenceData, version, deps.nextConference);
    stored.resource = draft.resource;
    stored.conference = draft.conference;
    store.put(calendarId, stored);
    res.json(store.read(stored));
  });

  router.delete('/calendars/:calendarId/events/:eventId', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.events.delete');
    const calendarId = calendarOf(caller, param(req, 'calendarId'));
    checkSendUpdates(req.query);
    const stored = eventOf(calendarId, param(req, 'eventId'));
    if (stored.resource.status === 'cancelled') throw apiErrors.deleted();
    stored.resource.status = 'cancelled';
    store.put(calendarId, stored);
    res.status(204).end();
  });

  router.post('/channels/stop', (req, res) => {
    const caller = gate.admit(req, res, 'calendar.channels.stop');
    checkBody('Channel', req.body, 'calendar.channels.stop');
    const body = req.body as ChannelResource;
    if (!body.id) throw apiErrors.required('Required channel id.');
    if (!body.resourceId) throw apiErrors.required('Required resourceId.');
    push.stop(body.id, body.resourceId, caller.clientId);
    res.status(204).end();
  });

  router.use((_req: Request, res: Response) => sendApiError(res, apiErrors.notFound()));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof GoogleApiError) return sendApiError(res, error);
    if ((error as { type?: string }).type === 'entity.parse.failed')
      return sendApiError(res, apiErrors.parseError());
    sendApiError(res, apiErrors.backend(500));
  });
  return router;
}
