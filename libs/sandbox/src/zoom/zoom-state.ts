import type { FakeContext } from '../common/fake-context';
import type { ZoomDailyCap } from './zoom-daily-cap';
import type { ZoomGrants } from './zoom-grants';
import type { StoredMeeting, ZoomMeetings } from './zoom-meetings';
import type { ZoomDirectory } from './zoom-store';

/** Everything the fake's routes share. */
export interface ZoomState {
  ctx: FakeContext;
  directory: ZoomDirectory;
  grants: ZoomGrants;
  meetings: ZoomMeetings;
  dailyCap: ZoomDailyCap;
  /** Told of each meeting changed through the API, with its schedule before (see `reportApiUpdates`). */
  onApiUpdate?: (meeting: StoredMeeting, before: MeetingSchedule) => void;
}

/** The part of a meeting a `meeting.updated` reports here: when it starts (UTC) and how long it lasts. */
export interface MeetingSchedule {
  start_time?: string;
  duration: number;
}

/**
 * What the user-managed app asks for: the narrowest scopes the OpenAPI document accepts for get me,
 * and create/get/update/delete/list meetings. `user:read` covers `GET /users/me`, `meeting:read` get and
 * list, `meeting:write` create, update and delete.
 */
export const USER_SCOPES = ['meeting:read', 'meeting:write', 'user:read'];

/** A Server-to-Server app acts for any user of its account, hence the admin variants. */
export const ACCOUNT_SCOPES = ['meeting:read:admin', 'meeting:write:admin', 'user:read:admin'];
