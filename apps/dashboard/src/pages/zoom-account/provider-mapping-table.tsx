import { Anchor, Group, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import classes from '../../components/table.module.css';
import { ProviderZoomUserSelect } from './provider-zoom-user-select';
import { type ZoomAccountUser } from './use-zoom-account';
import { type ProviderRow } from './zoom-mapping';

const HEADING_ID = 'zoom-providers-heading';
const DESCRIPTION_ID = 'zoom-providers-description';

/** Each provider of the clinic with the Zoom user that hosts their visits, chosen in place. */
export function ProviderMappingTable({
  clinicId,
  rows,
  zoomUsers,
  usersPath,
}: {
  clinicId: string;
  rows: ProviderRow[];
  zoomUsers: readonly ZoomAccountUser[];
  /** The clinic's Users page, where providers are added. */
  usersPath: string;
}) {
  const mapped = rows.filter((row) => row.zoomUser !== null).length;
  return (
    <section aria-labelledby={HEADING_ID} aria-describedby={DESCRIPTION_ID}>
      <Group justify="space-between" align="baseline" mb={4}>
        <Text component="h2" fw={650} fz="lg" id={HEADING_ID}>
          Providers
        </Text>
        <Text size="sm" c="dimmed">
          {mapped} of {rows.length} mapped
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="sm" id={DESCRIPTION_ID} maw={720}>
        The visits of a provider who hasn’t connected their own Zoom account are hosted by the Zoom user
        chosen here. A change is saved as soon as you choose.
      </Text>
      <Paper p={0} className={classes.card}>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed" p="lg">
            The clinic has no providers yet.{' '}
            <Anchor component={Link} to={usersPath} inherit>
              Add them on the Users page
            </Anchor>
            .
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={600} type="native">
            <Table aria-labelledby={HEADING_ID} verticalSpacing="sm" horizontalSpacing="lg">
              <Table.Thead className={classes.head}>
                <Table.Tr>
                  <Table.Th scope="col">Provider</Table.Th>
                  <Table.Th scope="col">Zoom user</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr
                    key={row.provider.id}
                    className={classes.row}
                    data-inactive={row.provider.disabled || undefined}
                  >
                    <Table.Th scope="row" fw="normal">
                      <Text size="sm" fw={600}>
                        {row.provider.name}
                        {row.provider.disabled && (
                          <Text span size="sm" c="dimmed" fw={400}>
                            {' '}
                            (disabled)
                          </Text>
                        )}
                      </Text>
                      <Text size="sm" c="dimmed" className={classes.breakWord}>
                        {row.provider.email}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <ProviderZoomUserSelect clinicId={clinicId} row={row} zoomUsers={zoomUsers} />
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
