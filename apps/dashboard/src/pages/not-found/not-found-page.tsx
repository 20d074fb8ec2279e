import { Button, Code, EmptyState, Paper } from '@mantine/core';
import { IconArrowLeft, IconCompassOff } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../app/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <Paper p={{ base: 'xl', sm: 48 }} mt="md">
      <EmptyState variant="light" size="lg" icon={<IconCompassOff size={30} stroke={1.75} aria-hidden />}>
        <EmptyState.Title order={1}>Page not found</EmptyState.Title>
        <EmptyState.Description>
          There is no dashboard page at <Code>{pathname}</Code>. The link may be out of date, or the address
          may have a typo.
        </EmptyState.Description>
        <EmptyState.Actions>
          <Button component={Link} to={paths.status} leftSection={<IconArrowLeft size={16} aria-hidden />}>
            Back to System status
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Paper>
  );
}
