import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconPlayerPlay } from '@tabler/icons-react';
import { MeetingStatusBadge } from './meeting-status-badge';
import {
  type Appointment,
  describeMeeting,
  failureTitle,
  type FixPage,
  movedAway,
  nextStep,
  underWay,
  VIDEO_PROVIDER_NAMES,
  type Viewer,
} from './meeting-wording';
import { NextStepHint } from './next-step-hint';
import { PatientLink } from './patient-link';

const HEADING_ID = 'meeting-heading';

/** The vendor meeting: its state, why it failed and what to do, and the patient's link. */
export function MeetingPanel({
  appointment,
  viewer,
  fixPath,
}: {
  appointment: Appointment;
  viewer: Viewer;
  fixPath: (page: FixPage) => string;
}) {
  const vendor = VIDEO_PROVIDER_NAMES[appointment.videoProvider];
  const state = describeMeeting(appointment);
  const { status, lastError } = appointment.meeting;
  const deleting = appointment.status === 'cancelled' && status !== 'cancelled';
  const step =
    (status === 'failed' || movedAway(lastError)) && !deleting ? nextStep(lastError, viewer) : null;
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={HEADING_ID}>
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2} id={HEADING_ID}>
            {vendor} meeting
          </Title>
          <MeetingStatusBadge state={state} />
        </Group>

        {deleting && (
          <Text size="sm" c="dimmed">
            The appointment was cancelled; televisit is deleting the meeting in {vendor}.
          </Text>
        )}
        {status === 'pending' && !deleting && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {state.reason ?? `televisit is creating the ${vendor} meeting. This page updates by itself.`}
          </Text>
        )}
        {status === 'ready' && !deleting && (
          <Text size="sm" c="dimmed">
            The meeting exists in {vendor}. Start it as its host with “Start visit”; the link is made fresh on
            each click.
          </Text>
        )}
        {status === 'ready' && !deleting && underWay(lastError) && (
          // Nothing is wrong and nothing is to be done: a note, not an alert.
          <Alert color="blue" variant="light" role="note" icon={<IconPlayerPlay size={20} aria-hidden />}>
            <Text size="sm">{state.reason}</Text>
          </Alert>
        )}
        {status === 'cancelled' && (
          <Text size="sm" c="dimmed">
            The appointment was cancelled and the patient’s link no longer works. televisit deleted the
            meeting in {vendor}, unless it had already started: then {vendor} keeps it.
          </Text>
        )}
        {(status === 'failed' || status === 'ready') && step && (
          // Failed, or ready but left where the vendor moved it: why, and what to do.
          <Alert
            color={status === 'failed' ? 'red' : 'yellow'}
            variant="light"
            role="alert"
            title={
              status === 'failed'
                ? failureTitle(appointment)
                : `The ${vendor} meeting isn’t at the booked time`
            }
            icon={<IconAlertTriangle size={20} aria-hidden />}
          >
            <Stack gap={6}>
              <Text size="sm">{state.reason}</Text>
              <NextStepHint step={step} fixPath={fixPath} />
            </Stack>
          </Alert>
        )}
        {status === 'pending' && !deleting && lastError && (
          <Group gap={6} c="dimmed">
            <IconClockHour4 size={16} aria-hidden />
            <Text size="sm">Nothing to do: televisit tries again on its own.</Text>
          </Group>
        )}

        <PatientLink url={appointment.patientJoinUrl} disabled={appointment.status === 'cancelled'} />
      </Stack>
    </Paper>
  );
}
