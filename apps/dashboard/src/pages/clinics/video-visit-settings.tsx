import { Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { useNotify } from '../../components/notices';
import { MEETING_TOPIC_MAX, meetingSettingsChanges, meetingTopicError } from './meeting-settings';
import { type Clinic, useUpdateClinic } from './use-clinics';

const FIELDS = ['meetingTopic', 'meetingAuthentication'] as const;
const HEADING_ID = 'video-visit-settings-heading';

/**
 * How the clinic's Zoom meetings are set up: the title of a visit booked without one, and whether
 * patients must sign in to Zoom. Only what changed is sent, so the audit log names just that.
 */
export function VideoVisitSettings({ clinic }: { clinic: Clinic }) {
  const update = useUpdateClinic(clinic.id);
  const notify = useNotify();
  const [meetingTopic, setMeetingTopic] = useState(clinic.meetingTopic);
  const [meetingAuthentication, setMeetingAuthentication] = useState(clinic.meetingAuthentication);
  const [topicError, setTopicError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const changes = meetingSettingsChanges(clinic, { meetingTopic, meetingAuthentication });
  const changed = Object.keys(changes).length > 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const local = meetingTopicError(meetingTopic);
    setTopicError(local);
    if (local || !changed) return;
    update.mutate(changes, {
      onSuccess: (saved) => {
        setMeetingTopic(saved.meetingTopic);
        setMeetingAuthentication(saved.meetingAuthentication);
        notify('The video visit settings were saved.');
      },
      onError: (error) => {
        const { byField, other } = fieldErrors(error, FIELDS);
        setTopicError(byField.meetingTopic ?? null);
        const unplaced = [
          ...(byField.meetingAuthentication ? [byField.meetingAuthentication] : []),
          ...other,
        ];
        if (!byField.meetingTopic || unplaced.length > 0) {
          setFormError([describeMutationError(error), ...unplaced].join(' '));
        }
      },
    });
  };

  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={HEADING_ID} maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} id={HEADING_ID}>
              Video visit settings
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              How the Zoom meetings of this clinic’s visits are set up. Changes apply to meetings created from
              now on.
            </Text>
          </div>
          <FormErrorAlert message={formError} />
          <TextInput
            label="Meeting title"
            description="Shown in Zoom and calendars. Never put a patient’s name here."
            placeholder="Video visit"
            required
            maxLength={MEETING_TOPIC_MAX}
            autoComplete="off"
            value={meetingTopic}
            onChange={(event) => setMeetingTopic(event.currentTarget.value)}
            error={topicError}
            disabled={update.isPending}
          />
          <Switch
            label="Require patients to sign in to Zoom"
            description="Off by default: most patients have no Zoom account."
            checked={meetingAuthentication}
            onChange={(event) => setMeetingAuthentication(event.currentTarget.checked)}
            disabled={update.isPending}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!changed}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
