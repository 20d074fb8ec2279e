import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleOff } from '@tabler/icons-react';
import { type ConnectionStatus } from './use-connections';

const LOOK: Record<ConnectionStatus, { label: string; color: string; Icon: typeof IconCircleCheck }> = {
  connected: { label: 'Connected', color: 'green', Icon: IconCircleCheck },
  needs_reauth: { label: 'Needs reconnecting', color: 'orange', Icon: IconAlertTriangle },
  not_connected: { label: 'Not connected', color: 'gray', Icon: IconCircleOff },
};

/**
 * The connection's status, styled like components/status-badge.tsx (a light badge with an icon);
 * that one knows only "Active" and one inactive word, and a connection has three states.
 */
export function ConnectionStatusBadge({ status }: { status: ConnectionStatus }) {
  const { label, color, Icon } = LOOK[status];
  return (
    <Badge variant="light" color={color} radius="sm" tt="none" leftSection={<Icon size={13} aria-hidden />}>
      {label}
    </Badge>
  );
}
