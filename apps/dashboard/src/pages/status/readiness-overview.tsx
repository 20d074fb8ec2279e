import { Divider, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { type Readiness } from '@televisit/api-client';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { formatClockTime, formatFullDateTime, formatUptime } from './format';
import classes from './status.module.css';
import { Fact } from '../../components/fact';

const HEADING_ID = 'overall-status-heading';

export function ReadinessOverview({ readiness, checkedAt }: { readiness: Readiness; checkedAt: Date }) {
  const ready = readiness.status === 'ready';
  const color = ready ? 'green' : 'red';
  return (
    <Paper
      component="section"
      aria-labelledby={HEADING_ID}
      p={{ base: 'lg', sm: 'xl' }}
      className={classes.overview}
      data-state={ready ? 'ready' : 'not-ready'}
    >
      <Group align="center" gap="lg" wrap="nowrap">
        <ThemeIcon size={60} radius="xl" variant="light" color={color}>
          {ready ? (
            <IconCircleCheck size={34} stroke={1.75} aria-hidden />
          ) : (
            <IconAlertTriangle size={34} stroke={1.75} aria-hidden />
          )}
        </ThemeIcon>
        <Stack gap={2}>
          <Title order={2} id={HEADING_ID} className={classes.eyebrow}>
            Overall status
          </Title>
          {/* Polite live region: a change of state on the next poll is announced. */}
          <Text aria-live="polite" className={classes.state} data-state={ready ? 'ready' : 'not-ready'}>
            {ready ? 'Ready' : 'Not ready'}
          </Text>
          <Text c="dimmed">{summarize(readiness)}</Text>
        </Stack>
      </Group>

      <Divider my="lg" />

      <SimpleGrid component="dl" cols={{ base: 1, xs: 3 }} spacing="lg" m={0}>
        <Fact prominent label="Version">
          {readiness.version}
        </Fact>
        <Fact prominent label="Uptime">
          {formatUptime(readiness.uptimeSeconds)}
        </Fact>
        <Fact prominent label="Last checked">
          <time dateTime={checkedAt.toISOString()} title={formatFullDateTime(checkedAt)}>
            {formatClockTime(checkedAt)}
          </time>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function summarize({ status, checks }: Readiness): string {
  const down = checks.filter((check) => check.status === 'down').length;
  if (status === 'ready') {
    return checks.length === 1
      ? 'The one check is passing. The API is accepting traffic.'
      : `All ${checks.length} checks are passing. The API is accepting traffic.`;
  }
  if (down === 0) return 'The API reports that it is not ready to accept traffic.';
  const failing = down === 1 ? '1 check is failing' : `${down} checks are failing`;
  return `${failing}. The API is not accepting traffic until ${down === 1 ? 'it recovers' : 'they recover'}.`;
}
