import { Paper, Text, Timeline, Title } from '@mantine/core';
import { QueryError } from '../../components/query-error';
import { formatDateTime } from '../../format/date-time';
import { type Appointment, VIDEO_PROVIDER_NAMES } from './meeting-wording';
import { describeTimelineEntry } from './timeline-wording';
import { useAppointmentTimeline } from './use-appointments';

const HEADING_ID = 'appointment-timeline-heading';

/** The meeting's events, oldest first, each at the viewer's time; roles and counts, never names. */
export function AppointmentTimeline({ appointment }: { appointment: Appointment }) {
  const timeline = useAppointmentTimeline(appointment.id, {
    live: appointment.status === 'scheduled' && appointment.meeting.status === 'ready',
  });
  const vendor = VIDEO_PROVIDER_NAMES[appointment.videoProvider];
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={HEADING_ID}>
      <Title order={2} id={HEADING_ID} mb="md">
        Timeline
      </Title>
      {timeline.isPending ? (
        <Text size="sm" c="dimmed" role="status">
          Loading the timeline…
        </Text>
      ) : timeline.isError ? (
        <QueryError
          error={timeline.error}
          what="the timeline"
          retrying={timeline.isFetching}
          onRetry={() => void timeline.refetch()}
        />
      ) : timeline.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened in the meeting yet. When the host starts it and people join, it shows here.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} component="ol" aria-label="Meeting events">
          {timeline.data.map((entry, index) => (
            <Timeline.Item
              key={`${entry.occurredAt}-${index}`}
              title={describeTimelineEntry(entry, vendor)}
              component="li"
            >
              <Text size="sm" c="dimmed">
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, { seconds: true })}</time>
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
