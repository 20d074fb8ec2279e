import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleOff } from '@tabler/icons-react';

/** "Active", or the word for switched off ("Revoked", "Disabled"), as a light badge with an icon. */
export function StatusBadge({ active, inactiveLabel }: { active: boolean; inactiveLabel: string }) {
  const Icon = active ? IconCircleCheck : IconCircleOff;
  return (
    <Badge
      variant="light"
      color={active ? 'green' : 'gray'}
      radius="sm"
      tt="none"
      leftSection={<Icon size={13} aria-hidden />}
    >
      {active ? 'Active' : inactiveLabel}
    </Badge>
  );
}
