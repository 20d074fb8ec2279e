import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { Fact } from '../../components/fact';
import { describeTimeZone, formatDateTime, viewerTimeZone } from '../../format/date-time';
import { AppointmentStatusBadge } from './meeting-status-badge';
import {
  type Appointment,
  formatDuration,
  STATUS_COLORS,
  STATUS_LABELS,
  VIDEO_PROVIDER_NAMES,
} from './meeting-wording';

const HEADING_ID = 'appointment-facts-heading';

/** The visit's facts: when (in the viewer's zone, and in the booked one when that differs), who, how. */
export function AppointmentFacts({
  appointment,
  providerName,
}: {
  appointment: Appointment;
  providerName: string | undefined;
}) {
  const start = new Date(appointment.startTime);
  const end = new Date(start.getTime() + appointment.durationMinutes * 60_000);
  const bookedElsewhere = appointment.timezone !== viewerTimeZone();
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={HEADING_ID}>
      <Title order={2} id={HEADING_ID} mb="md">
        Details
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="lg" my={0}>
        <Fact label="Starts (your time)" prominent>
          <time dateTime={appointment.startTime}>{formatDateTime(start)}</time>
        </Fact>
        <Fact label="Duration">
          {formatDuration(appointment.durationMinutes)}{' '}
          <Text span c="dimmed" inherit fw={400}>
            (until <time dateTime={end.toISOString()}>{formatDateTime(end)}</time>)
          </Text>
        </Fact>
        {bookedElsewhere && (
          <Fact label={`Booked in ${appointment.timezone.replace(/_/g, ' ')}`}>
            <time dateTime={appointment.startTime}>
              {formatDateTime(start, { timeZone: appointment.timezone })}
            </time>
          </Fact>
        )}
        {!bookedElsewhere && <Fact label="Time zone">{describeTimeZone(start)}</Fact>}
        <Fact label="Status">
          <AppointmentStatusBadge
            label={STATUS_LABELS[appointment.status]}
            color={STATUS_COLORS[appointment.status]}
          />
        </Fact>
        <Fact label="Provider">{providerName ?? 'Provider'}</Fact>
        <Fact label="Patient">
          {appointment.patient.displayName}
          {appointment.patient.email && (
            <Text span c="dimmed" inherit fw={400} display="block">
              {appointment.patient.email}
            </Text>
          )}
        </Fact>
        <Fact label="Video service">{VIDEO_PROVIDER_NAMES[appointment.videoProvider]}</Fact>
        <Fact label="Meeting title">{appointment.title}</Fact>
        {appointment.externalId && <Fact label="External id">{appointment.externalId}</Fact>}
        <Fact label="Booked">
          <time dateTime={appointment.createdAt}>{formatDateTime(appointment.createdAt)}</time>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}
