import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../app/access';
import { paths } from '../app/paths';
import { initials } from '../auth/initials';
import { useCurrentUser, useSignOut } from '../auth/use-session';
import { describeMutationError } from '../components/explain-error';
import classes from './app-layout.module.css';

/** Who is signed in, a way to their profile, and Sign out. */
export function UserMenu() {
  const user = useCurrentUser();
  const signOut = useSignOut();
  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className={classes.userButton} aria-label={`Account menu for ${user.name}`}>
          <Group gap="sm" wrap="nowrap">
            <Avatar color="clinic" radius="xl" size={34} alt="" aria-hidden>
              {initials(user.name)}
            </Avatar>
            <div className={classes.userText}>
              <Text size="sm" fw={600} lh={1.2} truncate>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {ROLE_LABELS[user.role]}
              </Text>
            </div>
            <IconChevronDown size={16} stroke={1.75} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="bright" truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to={paths.profile}
          leftSection={<IconUserCircle size={16} stroke={1.75} aria-hidden />}
        >
          My profile
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} stroke={1.75} aria-hidden />}
          closeMenuOnClick={false}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </Menu.Item>
        {signOut.isError && (
          <Text size="xs" c="red.8" px="sm" py={6} role="alert">
            Couldn’t sign out: {describeMutationError(signOut.error)}
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
