import { describe, expect, it } from '@jest/globals';
import { MEETING_TOPIC_MAX, meetingSettingsChanges, meetingTopicError } from './meeting-settings';

describe('meetingTopicError', () => {
  it('accepts a title of 1 to 200 characters once trimmed', () => {
    expect(meetingTopicError('Video visit')).toBeNull();
    expect(meetingTopicError('  x  ')).toBeNull();
    expect(meetingTopicError(` ${'x'.repeat(MEETING_TOPIC_MAX)} `)).toBeNull();
  });

  it('refuses an empty or blank title and one over the limit', () => {
    expect(meetingTopicError('')).toMatch(/Enter a title/);
    expect(meetingTopicError(' \t ')).toMatch(/Enter a title/);
    expect(meetingTopicError('x'.repeat(MEETING_TOPIC_MAX + 1))).toBe('Use at most 200 characters.');
  });
});

describe('meetingSettingsChanges', () => {
  const saved = { meetingTopic: 'Video visit', meetingAuthentication: false };

  it('is empty when nothing changed, whitespace around the title included', () => {
    expect(meetingSettingsChanges(saved, saved)).toEqual({});
    expect(meetingSettingsChanges(saved, { ...saved, meetingTopic: '  Video visit ' })).toEqual({});
  });

  it('names only the fields that changed, the title trimmed', () => {
    expect(meetingSettingsChanges(saved, { ...saved, meetingTopic: ' Telehealth ' })).toEqual({
      meetingTopic: 'Telehealth',
    });
    expect(meetingSettingsChanges(saved, { ...saved, meetingAuthentication: true })).toEqual({
      meetingAuthentication: true,
    });
    expect(
      meetingSettingsChanges(
        { meetingTopic: 'Telehealth', meetingAuthentication: true },
        { meetingTopic: 'Video visit', meetingAuthentication: false },
      ),
    ).toEqual({ meetingTopic: 'Video visit', meetingAuthentication: false });
  });
});
