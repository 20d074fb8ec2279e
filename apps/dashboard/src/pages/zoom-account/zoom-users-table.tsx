import { Group, Paper, Table, Text } from '@mantine/core';
import classes from '../../components/table.module.css';
import { type ZoomUserRow } from './zoom-mapping';

const HEADING_ID = 'zoom-users-heading';

/** The users of the clinic's Zoom account, as Zoom lists them, and whose visits each one hosts. */
export function ZoomUsersTable({ rows }: { rows: ZoomUserRow[] }) {
  const mapped = rows.filter((row) => row.mapped.length > 0).length;
  return (
    <section aria-labelledby={HEADING_ID}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Text component="h2" fw={650} fz="lg" id={HEADING_ID}>
          Zoom users
        </Text>
        <Text size="sm" c="dimmed">
          {mapped} of {rows.length} in use
        </Text>
      </Group>
      <Paper p={0} className={classes.card}>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg">
            Zoom lists no active users on this account. Add users in Zoom, then come back to map them.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600} type="native">
            <Table aria-labelledby={HEADING_ID} verticalSpacing="sm" horizontalSpacing="lg">
              <Table.Thead className={classes.head}>
                <Table.Tr>
                  <Table.Th scope="col">Zoom user</Table.Th>
                  <Table.Th scope="col">Email</Table.Th>
                  <Table.Th scope="col">Hosts the visits of</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ zoomUser, mapped: users }) => (
                  <Table.Tr key={zoomUser.id} className={classes.row}>
                    <Table.Th scope="row" fw={600}>
                      {zoomUser.name || zoomUser.email}
                    </Table.Th>
                    <Table.Td className={classes.breakWord}>{zoomUser.email}</Table.Td>
                    <Table.Td>
                      {users.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          No one
                        </Text>
                      ) : (
                        users.map((user) => (
                          <Text size="sm" key={user.id}>
                            {user.name}
                          </Text>
                        ))
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </section>
  );
}
