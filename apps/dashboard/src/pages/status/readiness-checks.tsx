import { Badge, Group, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { type Readiness } from '@televisit/api-client';
import { IconCheck, IconDatabase, IconServer, IconStack2, IconX } from '@tabler/icons-react';
import { formatCheckName } from './format';
import classes from './status.module.css';

type Check = Readiness['checks'][number];

const HEADING_ID = 'checks-heading';
const ICONS: Record<string, typeof IconServer> = { database: IconDatabase, migrations: IconStack2 };

export function ReadinessChecks({ checks }: { checks: Check[] }) {
  const up = checks.filter((check) => check.status === 'up').length;
  return (
    <section aria-labelledby={HEADING_ID}>
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} id={HEADING_ID}>
          Checks
        </Title>
        <Text size="sm" c="dimmed">
          {up} of {checks.length} passing
        </Text>
      </Group>
      <Paper p={0} className={classes.tableCard}>
        <Table aria-labelledby={HEADING_ID} verticalSpacing="md" horizontalSpacing="lg">
          <Table.Thead className={classes.tableHead}>
            <Table.Tr>
              <Table.Th scope="col">Check</Table.Th>
              <Table.Th scope="col" ta="right">
                Status
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checks.map((check) => (
              <CheckRow key={check.name} check={check} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </section>
  );
}

function CheckRow({ check }: { check: Check }) {
  const Icon = ICONS[check.name] ?? IconServer;
  const up = check.status === 'up';
  return (
    <Table.Tr>
      <Table.Th scope="row" fw="normal">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" color="gray" size="lg" radius="md">
            <Icon size={18} stroke={1.75} aria-hidden />
          </ThemeIcon>
          <Stack gap={2}>
            <Text fw={600}>{formatCheckName(check.name)}</Text>
            <Text size="sm" className={classes.detail} data-state={check.status}>
              {check.detail}
            </Text>
          </Stack>
        </Group>
      </Table.Th>
      <Table.Td ta="right" className={classes.statusCell}>
        <Badge
          variant="light"
          color={up ? 'green' : 'red'}
          size="lg"
          radius="sm"
          tt="none"
          leftSection={up ? <IconCheck size={14} aria-hidden /> : <IconX size={14} aria-hidden />}
        >
          {up ? 'Up' : 'Down'}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
