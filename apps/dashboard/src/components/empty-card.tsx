import { EmptyState, Paper } from '@mantine/core';
import { type ReactNode } from 'react';

/** "Nothing here yet": what would be here, and the action that adds the first one. */
export function EmptyCard({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper p={{ base: 'xl', sm: 48 }}>
      <EmptyState variant="light" icon={icon}>
        <EmptyState.Title order={2}>{title}</EmptyState.Title>
        <EmptyState.Description>{description}</EmptyState.Description>
        {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
