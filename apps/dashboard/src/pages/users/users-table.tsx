import { Avatar, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../app/access';
import { initials } from '../../auth/initials';
import { type User } from '../../auth/session-state';
import { StatusBadge } from '../../components/status-badge';
import classes from '../../components/table.module.css';
import { ROLE_COLORS } from './user-labels';

const HEADING_ID = 'users-heading';

export function UsersTable({
  users,
  currentUserId,
  highlightId,
  onEdit,
  onToggleDisabled,
}: {
  users: User[];
  currentUserId: string;
  highlightId: string | null;
  onEdit: (user: User) => void;
  onToggleDisabled: (user: User) => void;
}) {
  const active = users.filter((user) => !user.disabled).length;
  return (
    <section aria-labelledby={HEADING_ID}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Text component="h2" fw={650} fz="lg" id={HEADING_ID}>
          People
        </Text>
        <Text size="sm" c="dimmed">
          {active} active of {users.length}
        </Text>
      </Group>
      <Paper p={0} className={classes.card}>
        <Table.ScrollContainer minWidth={760} type="native">
          <Table aria-labelledby={HEADING_ID} verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
            <Table.Thead className={classes.head}>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Zoom user</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  Actions
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === currentUserId}
                  highlighted={user.id === highlightId}
                  onEdit={() => onEdit(user)}
                  onToggleDisabled={() => onToggleDisabled(user)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </section>
  );
}

function UserRow({
  user,
  isSelf,
  highlighted,
  onEdit,
  onToggleDisabled,
}: {
  user: User;
  isSelf: boolean;
  highlighted: boolean;
  onEdit: () => void;
  onToggleDisabled: () => void;
}) {
  return (
    <Table.Tr
      className={classes.row}
      data-inactive={user.disabled || undefined}
      data-highlight={highlighted || undefined}
    >
      <Table.Th scope="row" fw="normal">
        <Group gap="sm" wrap="nowrap">
          <Avatar color={user.disabled ? 'gray' : ROLE_COLORS[user.role]} radius="xl" size={36} aria-hidden>
            {initials(user.name)}
          </Avatar>
          <div>
            <Group gap={6} wrap="nowrap">
              <Text fw={600} size="sm">
                {user.name}
              </Text>
              {isSelf && (
                <Badge size="xs" variant="outline" color="gray" radius="sm" tt="none">
                  You
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" className={classes.nowrap}>
              {user.email}
            </Text>
          </div>
        </Group>
      </Table.Th>
      <Table.Td>
        <Badge variant="light" color={ROLE_COLORS[user.role]} radius="sm" tt="none" size="md">
          {ROLE_LABELS[user.role]}
        </Badge>
      </Table.Td>
      <Table.Td>
        {user.zoomUser ? (
          <Text size="sm" className={classes.breakWord}>
            <EmailText email={user.zoomUser} />
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Not linked
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <StatusBadge active={!user.disabled} inactiveLabel="Disabled" />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button
            variant="default"
            size="compact-sm"
            leftSection={<IconPencil size={14} stroke={1.75} aria-hidden />}
            onClick={onEdit}
            aria-label={`Edit ${user.name}`}
          >
            Edit
          </Button>
          {!isSelf && (
            <Button
              variant="subtle"
              size="compact-sm"
              color={user.disabled ? 'clinic' : 'red'}
              onClick={onToggleDisabled}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** An email address that may wrap after the "@", never in the middle of a word. */
function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}
