import type { calendar_v3 } from 'googleapis';
import { randomBytes, randomInt } from 'node:crypto';
import type { FakeContext } from '../common/fake-context';
import { apiErrors } from './google-errors';
import { type MeetConference, readConference } from './meet-conferences';

export type EventResource = calendar_v3.Schema$Event;

export interface StoredEvent {
  resource: EventResource;
  /** Position in the global change sequence; incremental sync returns what moved past a token's. */
  changeSeq: number;
  conference?: MeetConference;
}

export interface ListQuery {
  syncToken?: string;
  pageToken?: string;
  timeMin?: number;
  timeMax?: number;
  showDeleted: boolean;
  orderBy?: 'startTime' | 'updated';
  maxResults: number;
}

export interface ListPage {
  items: EventResource[];
  nextPageToken?: string;
  nextSyncToken?: string;
  updated: string;
}

interface PageState {
  calendarId: string;
  ids: string[];
  offset: number;
  syncSeq: number;
  incremental: boolean;
}

const BASE32HEX = 'abcdefghijklmnopqrstuv0123456789';

/** An id like Google's own: 26 base32hex characters, the alphabet it requires of client-chosen ids too. */
export function newEventId(): string {
  return Array.from({ length: 26 }, () => BASE32HEX[randomInt(32)]).join('');
}

/** Start or end of an event as epoch milliseconds; a dateTime without offset is read as UTC. */
export function instant(time: calendar_v3.Schema$EventDateTime | undefined): number {
  if (time?.dateTime) {
    const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(time.dateTime);
    return Date.parse(hasOffset ? time.dateTime : `${time.dateTime}Z`);
  }
  if (time?.date) return Date.parse(`${time.date}T00:00:00Z`);
  return NaN;
}

/**
 * Every user's primary calendar, keyed by the user's email (a primary calendar's id), with a global change
 * sequence behind sync tokens and page tokens.
 */
export class CalendarStore {
  private readonly calendars = new Map<string, Map<string, StoredEvent>>();
  private readonly syncTokens = new Map<string, { calendarId: string; seq: number }>();
  private readonly pageTokens = new Map<string, PageState>();
  private seq = 0;
  private etagSeq = 0;
  private readonly listeners: ((calendarId: string) => void)[] = [];

  constructor(private readonly ctx: FakeContext) {}

  onChange(listener: (calendarId: string) => void): void {
    this.listeners.push(listener);
  }

  get(calendarId: string, eventId: string): StoredEvent | undefined {
    return this.calendars.get(calendarId)?.get(eventId);
  }

  /** Saves a new or changed event: stamps `updated` and `etag`, records the change, tells the watchers. */
  put(calendarId: string, stored: StoredEvent): void {
    let calendar = this.calendars.get(calendarId);
    if (!calendar) {
      calendar = new Map();
      this.calendars.set(calendarId, calendar);
    }
    const now = this.ctx.now();
    stored.resource.updated = new Date(now).toISOString();
    stored.resource.etag = `"${now * 1000 + (++this.etagSeq % 1000)}"`;
    stored.changeSeq = ++this.seq;
    calendar.delete(stored.resource.id as string);
    calendar.set(stored.resource.id as string, stored);
    for (const listener of this.listeners) listener(calendarId);
  }

  /** The event as a read returns it; a pending Meet conference may settle on this read. */
  read(stored: StoredEvent): EventResource {
    readConference(stored);
    return structuredClone(stored.resource);
  }

  list(calendarId: string, query: ListQuery): ListPage {
    let state: PageState;
    if (query.pageToken) {
      const saved = this.pageTokens.get(query.pageToken);
      if (!saved || saved.calendarId !== calendarId)
        throw apiErrors.invalid('Invalid page token value.', 'pageToken');
      state = saved;
    } else {
      state = this.select(calendarId, query);
    }
    const calendar = this.calendars.get(calendarId) ?? new Map<string, StoredEvent>();
    const slice = state.ids.slice(state.offset, state.offset + query.maxResults);
    const items = slice
      .map((id) => calendar.get(id))
      .filter((stored): stored is StoredEvent => stored !== undefined)
      .map((stored) =>
        stored.resource.status === 'cancelled' ? cancelledStub(stored.resource) : this.read(stored),
      );
    const page: ListPage = { items, updated: new Date(this.ctx.now()).toISOString() };
    if (state.offset + query.maxResults < state.ids.length) {
      page.nextPageToken = this.remember(this.pageTokens, {
        ...state,
        offset: state.offset + query.maxResults,
      });
    } else {
      page.nextSyncToken = this.remember(this.syncTokens, { calendarId, seq: state.syncSeq });
    }
    return page;
  }

  /** Sync tokens die in Google after a while or on its whim; clients must then resync in full. */
  expireSyncTokens(): number {
    const count = this.syncTokens.size;
    this.syncTokens.clear();
    return count;
  }

  private select(calendarId: string, query: ListQuery): PageState {
    const all = [...(this.calendars.get(calendarId)?.values() ?? [])];
    if (query.syncToken) {
      const since = this.syncTokens.get(query.syncToken);
      if (!since || since.calendarId !== calendarId) throw apiErrors.fullSyncRequired();
      const changed = all
        .filter((stored) => stored.changeSeq > since.seq)
        .sort((a, b) => a.changeSeq - b.changeSeq);
      return { calendarId, ids: changed.map(idOf), offset: 0, syncSeq: this.seq, incremental: true };
    }
    let matching = all.filter((stored) => {
      const event = stored.resource;
      if (event.status === 'cancelled' && !query.showDeleted) return false;
      // Google's bounds: timeMin against the event's end, timeMax against its start, both exclusive.
      if (query.timeMin !== undefined && !(instant(event.end) > query.timeMin)) return false;
      if (query.timeMax !== undefined && !(instant(event.start) < query.timeMax)) return false;
      return true;
    });
    if (query.orderBy === 'startTime') {
      matching = matching.sort((a, b) => instant(a.resource.start) - instant(b.resource.start));
    } else if (query.orderBy === 'updated') {
      matching = matching.sort((a, b) => a.changeSeq - b.changeSeq);
    }
    return { calendarId, ids: matching.map(idOf), offset: 0, syncSeq: this.seq, incremental: false };
  }

  private remember<T>(map: Map<string, T>, value: T): string {
    if (map.size >= 10_000) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
    const key = randomBytes(24).toString('base64');
    map.set(key, value);
    return key;
  }
}

const idOf = (stored: StoredEvent) => stored.resource.id as string;

/** Deleted events come back from list as a stub: what a client needs to drop its copy, nothing else. */
function cancelledStub(event: EventResource): EventResource {
  return { kind: event.kind, etag: event.etag, id: event.id, status: 'cancelled', updated: event.updated };
}
