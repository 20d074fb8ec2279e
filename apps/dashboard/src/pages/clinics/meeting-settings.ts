import type { Clinic } from './use-clinics';

/** The API's limit on a clinic's meeting title. */
export const MEETING_TOPIC_MAX = 200;

/** What the "Video visit settings" form edits. */
export type MeetingSettings = Pick<Clinic, 'meetingTopic' | 'meetingAuthentication'>;

/** Why the title cannot be saved, in words for the field; null when it can. */
export function meetingTopicError(topic: string): string | null {
  const trimmed = topic.trim();
  if (!trimmed) return 'Enter a title, e.g. “Video visit”.';
  if (trimmed.length > MEETING_TOPIC_MAX) return `Use at most ${MEETING_TOPIC_MAX} characters.`;
  return null;
}

/**
 * The fields of `draft` that differ from the clinic as saved, the title trimmed: what the PATCH
 * sends, so that the audit trail names only what changed. Empty when nothing did.
 */
export function meetingSettingsChanges(
  saved: MeetingSettings,
  draft: MeetingSettings,
): Partial<MeetingSettings> {
  const changes: Partial<MeetingSettings> = {};
  const topic = draft.meetingTopic.trim();
  if (topic !== saved.meetingTopic) changes.meetingTopic = topic;
  if (draft.meetingAuthentication !== saved.meetingAuthentication) {
    changes.meetingAuthentication = draft.meetingAuthentication;
  }
  return changes;
}
