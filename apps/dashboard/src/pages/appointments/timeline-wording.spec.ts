import { describe, expect, it } from '@jest/globals';
import { describeTimelineEntry, type TimelineEntry } from './timeline-wording';

const entry = (kind: TimelineEntry['kind'], details: TimelineEntry['details'] = {}): TimelineEntry => ({
  kind,
  occurredAt: '2026-11-23T14:31:00Z',
  details,
});

describe('describeTimelineEntry', () => {
  it('says who joined and left by role, with the count after', () => {
    expect(
      describeTimelineEntry(entry('participant.joined', { role: 'host', participants: 1 }), 'Zoom'),
    ).toBe('The host joined (1 person in the meeting)');
    expect(describeTimelineEntry(entry('participant.left', { role: 'guest', participants: 2 }), 'Zoom')).toBe(
      'A guest left (2 people in the meeting)',
    );
    expect(describeTimelineEntry(entry('participant.joined'), 'Zoom')).toBe('Someone joined');
  });

  it('names the start, the end and who deleted the meeting', () => {
    expect(describeTimelineEntry(entry('meeting.started'), 'Zoom')).toBe('The meeting started');
    expect(describeTimelineEntry(entry('meeting.ended'), 'Zoom')).toBe('The meeting ended');
    expect(describeTimelineEntry(entry('meeting.deleted', { deletedBy: 'vendor' }), 'Zoom')).toBe(
      'The meeting was deleted in Zoom',
    );
    expect(describeTimelineEntry(entry('meeting.deleted', { deletedBy: 'televisit' }), 'Zoom')).toMatch(
      /when the appointment was cancelled/,
    );
  });

  it('says a meeting moved at the vendor is moved back to the booking', () => {
    const moved = (movedBack: boolean) =>
      entry('meeting.moved', { startTime: '2026-11-23T15:00:00.000Z', durationMinutes: 30, movedBack });
    expect(describeTimelineEntry(moved(true), 'Google Meet')).toBe(
      'The meeting was moved in Google Meet; televisit moves it back to the booked time',
    );
    expect(describeTimelineEntry(moved(false), 'Zoom')).toBe(
      'The meeting was moved in Zoom again; televisit left it there (moved too often today)',
    );
  });
});
