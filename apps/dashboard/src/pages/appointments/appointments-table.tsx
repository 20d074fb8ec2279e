import { Anchor, Paper, Stack, Table, Text } from '@mantine/core';
import { type ReactNode } from 'react';
import { Link } from 'react-router';
import classes from '../../components/table.module.css';
import { formatDateTime } from '../../format/date-time';
import { AppointmentStatusBadge, MeetingStatusBadge } from './meeting-status-badge';
import {
  type Appointment,
  describeMeeting,
  formatDuration,
  STATUS_COLORS,
  STATUS_LABELS,
  VIDEO_PROVIDER_NAMES,
} from './meeting-wording';
import listClasses from './appointments.module.css';

export const APPOINTMENT_COLUMNS = ['Start', 'Duration', 'Provider', 'Patient', 'Video', 'Status', 'Meeting'];

export function AppointmentsTable({
  appointments,
  caption,
  providerName,
  detailPath,
  stale,
  footer,
}: {
  appointments: Appointment[];
  caption: string;
  providerName: (id: string) => string | undefined;
  detailPath: (id: string) => string;
  /** True while rows of the previous filter stay on screen. */
  stale: boolean;
  /** Below the rows, inside the card: the count and "Load more". */
  footer: ReactNode;
}) {
  return (
    <Paper p={0} className={classes.card} data-stale={stale || undefined}>
      <Table.ScrollContainer minWidth={900} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover className={listClasses.table}>
          <caption className={listClasses.caption}>{caption}</caption>
          <Table.Thead className={classes.head}>
            <Table.Tr>
              {APPOINTMENT_COLUMNS.map((column) => (
                <Table.Th key={column} scope="col">
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.map((appointment) => (
              <AppointmentRow
                key={appointment.id}
                appointment={appointment}
                providerName={providerName(appointment.providerId)}
                to={detailPath(appointment.id)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {footer}
    </Paper>
  );
}

function AppointmentRow({
  appointment,
  providerName,
  to,
}: {
  appointment: Appointment;
  providerName: string | undefined;
  to: string;
}) {
  const meeting = describeMeeting(appointment);
  const cancelled = appointment.status === 'cancelled';
  return (
    <Table.Tr className={classes.row} data-inactive={cancelled || undefined}>
      <Table.Td className={classes.nowrap}>
        {/* The start time is the row's link: it says which visit it opens, and the URL holds only an id. */}
        <Anchor component={Link} to={to} fw={500} size="sm">
          <time dateTime={appointment.startTime}>{formatDateTime(appointment.startTime)}</time>
        </Anchor>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <Text size="sm">{formatDuration(appointment.durationMinutes)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{providerName ?? 'Provider'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {appointment.patient.displayName}
        </Text>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <Text size="sm">{VIDEO_PROVIDER_NAMES[appointment.videoProvider]}</Text>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <AppointmentStatusBadge
          label={STATUS_LABELS[appointment.status]}
          color={STATUS_COLORS[appointment.status]}
        />
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start" maw={280}>
          <MeetingStatusBadge state={meeting} />
          {meeting.reason && (
            <Text size="xs" c={meeting.color === 'red' ? 'red.8' : 'dimmed'}>
              {meeting.reason}
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
