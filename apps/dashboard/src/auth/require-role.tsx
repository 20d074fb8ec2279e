import { Button, EmptyState, Paper } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { homePath } from '../app/access';
import { usePageTitle } from '../app/use-page-title';
import { type Role } from './session-state';
import { useCurrentUser } from './use-session';

/** Shows the nested pages to the given roles only; the API refuses the others anyway. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const { role } = useCurrentUser();
  return roles.includes(role) ? <Outlet /> : <NoAccessPage />;
}

function NoAccessPage() {
  usePageTitle('Not available');
  const { role } = useCurrentUser();
  return (
    <Paper p={{ base: 'xl', sm: 48 }} mt="md">
      <EmptyState variant="light" size="lg" icon={<IconLock size={30} stroke={1.75} aria-hidden />}>
        <EmptyState.Title order={1}>This page isn’t available to you</EmptyState.Title>
        <EmptyState.Description>
          Your role does not include this part of televisit. If you need it, ask your clinic admin.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button component={Link} to={homePath(role)} leftSection={<IconArrowLeft size={16} aria-hidden />}>
            Go to your start page
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
