import { Badge, Button, Group, Paper, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import classes from '../../components/table.module.css';
import { StatusBadge } from '../../components/status-badge';
import { TimeStack } from '../../components/time-stack';
import { formatDate } from '../../format/date-time';
import { scopeLabel } from './scopes';
import { type ApiKey } from './use-api-keys';
import keyClasses from './api-keys.module.css';

const HEADING_ID = 'api-keys-heading';

export function ApiKeysTable({
  keys,
  highlightId,
  onRevoke,
}: {
  keys: ApiKey[];
  highlightId: string | null;
  onRevoke: (key: ApiKey) => void;
}) {
  const active = keys.filter((key) => !key.revokedAt).length;
  return (
    <section aria-labelledby={HEADING_ID}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Text component="h2" fw={650} fz="lg" id={HEADING_ID}>
          Keys
        </Text>
        <Text size="sm" c="dimmed">
          {active} active of {keys.length}
        </Text>
      </Group>
      <Paper p={0} className={classes.card}>
        <Table.ScrollContainer minWidth={720} type="native">
          <Table aria-labelledby={HEADING_ID} verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead className={classes.head}>
              <Table.Tr>
                <Table.Th scope="col">Name and key</Table.Th>
                <Table.Th scope="col">Scopes</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col" ta="right">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <KeyRow
                  key={key.id}
                  apiKey={key}
                  highlighted={key.id === highlightId}
                  onRevoke={() => onRevoke(key)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </section>
  );
}

function KeyRow({
  apiKey,
  highlighted,
  onRevoke,
}: {
  apiKey: ApiKey;
  highlighted: boolean;
  onRevoke: () => void;
}) {
  const revoked = apiKey.revokedAt !== null;
  return (
    <Table.Tr
      className={classes.row}
      data-inactive={revoked || undefined}
      data-highlight={highlighted || undefined}
    >
      <Table.Th scope="row" fw="normal">
        <Text size="sm" fw={600} c={revoked ? 'dimmed' : undefined} className={classes.nowrap}>
          {apiKey.name}
        </Text>
        <Text size="sm" c="dimmed" className={keyClasses.prefix}>
          {apiKey.prefix}…
        </Text>
      </Table.Th>
      <Table.Td>
        <Group gap={4} maw={260}>
          {apiKey.scopes.map((scope) => (
            <Tooltip key={scope} label={scope} withArrow>
              <Badge variant="outline" color="gray" radius="sm" tt="none" size="sm" fw={500}>
                {scopeLabel(scope)}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <TimeStack value={apiKey.createdAt} />
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        {apiKey.lastUsedAt ? (
          <TimeStack value={apiKey.lastUsedAt} />
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <StatusBadge active={!revoked} inactiveLabel="Revoked" />
        {apiKey.revokedAt && (
          <Text size="xs" c="dimmed" mt={4}>
            since <time dateTime={apiKey.revokedAt}>{formatDate(apiKey.revokedAt)}</time>
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {!revoked && (
          <Button
            variant="subtle"
            color="red"
            size="compact-sm"
            onClick={onRevoke}
            aria-label={`Revoke ${apiKey.name}`}
          >
            Revoke
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
