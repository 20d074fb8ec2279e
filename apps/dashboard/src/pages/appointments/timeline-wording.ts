import { type Schemas } from '@televisit/api-client';

export type TimelineEntry = Schemas['TimelineEntry'];

/** One line of the meeting's timeline, in words: roles and counts only, never who. */
export function describeTimelineEntry({ kind, details }: TimelineEntry, vendor: string): string {
  const count =
    details.participants === undefined
      ? ''
      : ` (${details.participants} ${details.participants === 1 ? 'person' : 'people'} in the meeting)`;
  const who = details.role === 'host' ? 'The host' : details.role === 'guest' ? 'A guest' : 'Someone';
  switch (kind) {
    case 'meeting.started':
      return 'The meeting started';
    case 'meeting.ended':
      return 'The meeting ended';
    case 'participant.joined':
      return `${who} joined${count}`;
    case 'participant.left':
      return `${who} left${count}`;
    case 'meeting.deleted':
      return details.deletedBy === 'vendor'
        ? `The meeting was deleted in ${vendor}`
        : 'The meeting was deleted when the appointment was cancelled';
    case 'meeting.moved':
      return details.movedBack === false
        ? `The meeting was moved in ${vendor} again; televisit left it there (moved too often today)`
        : `The meeting was moved in ${vendor}; televisit moves it back to the booked time`;
  }
}
