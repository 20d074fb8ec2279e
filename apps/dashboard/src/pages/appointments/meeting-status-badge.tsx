import { Badge, Loader } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleOff } from '@tabler/icons-react';
import { type MeetingState } from './meeting-wording';

/**
 * The vendor meeting's state, styled like the other status badges (light, with an icon); while it is
 * being prepared the icon is a small spinner.
 */
export function MeetingStatusBadge({ state }: { state: MeetingState }) {
  const Icon =
    state.color === 'green' ? IconCircleCheck : state.color === 'red' ? IconAlertTriangle : IconCircleOff;
  return (
    <Badge
      variant="light"
      color={state.color}
      radius="sm"
      tt="none"
      leftSection={
        state.busy ? <Loader size={10} color="currentColor" aria-hidden /> : <Icon size={13} aria-hidden />
      }
    >
      {state.label}
    </Badge>
  );
}

/** The appointment's own status (Scheduled, Cancelled, Completed). */
export function AppointmentStatusBadge({ label, color }: { label: string; color: string }) {
  return (
    <Badge variant="dot" color={color} radius="sm" tt="none">
      {label}
    </Badge>
  );
}
