import { NavLink, Stack, Text } from '@mantine/core';
import { IconActivityHeartbeat, IconBook2 } from '@tabler/icons-react';
import { Link, useMatch } from 'react-router';
import { apiReferenceUrl, paths } from '../app/paths';

export function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const onStatus = useMatch(paths.status) !== null;
  return (
    <Stack gap="xs">
      <Text component="p" size="xs" fw={600} tt="uppercase" c="dimmed" px="sm" lts={0.6}>
        Operations
      </Text>
      <NavLink
        component={Link}
        to={paths.status}
        label="System status"
        leftSection={<IconActivityHeartbeat size={18} stroke={1.75} aria-hidden />}
        active={onStatus}
        aria-current={onStatus ? 'page' : undefined}
        variant="light"
        onClick={onNavigate}
      />
    </Stack>
  );
}

/** The API's own documentation page (Swagger UI), served outside the dashboard. */
export function ApiReferenceLink() {
  return (
    <NavLink
      href={apiReferenceUrl}
      label="API reference"
      description="OpenAPI for EHR integrations"
      leftSection={<IconBook2 size={18} stroke={1.75} aria-hidden />}
    />
  );
}
