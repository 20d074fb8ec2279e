import { ActionIcon, Badge, Box, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconBan, IconCheck, IconFilter, IconX } from '@tabler/icons-react';
import { type ReactNode } from 'react';
import classes from '../../components/table.module.css';
import { TimeStack } from '../../components/time-stack';
import {
  ACTION_LABELS,
  type AuditEvent,
  type AuditOutcome,
  OUTCOME_COLORS,
  OUTCOME_LABELS,
  shortId,
  summarizeDetails,
} from './audit-vocabulary';
import { type Directory } from './use-directory';
import auditClasses from './audit.module.css';

const OUTCOME_ICONS: Record<AuditOutcome, typeof IconCheck> = {
  success: IconCheck,
  failure: IconX,
  denied: IconBan,
};

export function AuditTable({
  events,
  directory,
  caption,
  onFilterActor,
  stale,
  footer,
  showClinic,
}: {
  events: AuditEvent[];
  directory: Directory;
  caption: string;
  onFilterActor: (actorId: string) => void;
  /** True while rows of the previous filter stay on screen. */
  stale: boolean;
  /** Below the rows, inside the card: the count and "Load more". */
  footer: ReactNode;
  /** Name each event's clinic (a platform admin's view of every clinic). */
  showClinic: boolean;
}) {
  return (
    <Paper p={0} className={classes.card} data-stale={stale || undefined}>
      <Table.ScrollContainer minWidth={860} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" className={auditClasses.table}>
          <caption className={auditClasses.caption}>{caption}</caption>
          <Table.Thead className={classes.head}>
            <Table.Tr>
              <Table.Th scope="col">Time</Table.Th>
              <Table.Th scope="col">Actor</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Target</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
              <Table.Th scope="col">Address</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((event) => (
              <EventRow
                key={event.id}
                event={event}
                directory={directory}
                onFilterActor={onFilterActor}
                showClinic={showClinic}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {footer}
    </Paper>
  );
}

function EventRow({
  event,
  directory,
  onFilterActor,
  showClinic,
}: {
  event: AuditEvent;
  directory: Directory;
  onFilterActor: (actorId: string) => void;
  showClinic: boolean;
}) {
  const actor = describeActor(event.actor, directory);
  const target = describeTarget(event.target, directory);
  const details = summarizeDetails(event);
  const OutcomeIcon = OUTCOME_ICONS[event.outcome];
  return (
    <Table.Tr>
      <Table.Td className={classes.nowrap}>
        <TimeStack value={event.occurredAt} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {actor.name}
            </Text>
            {actor.secondary && (
              <Text size="xs" c="dimmed" className={classes.mono}>
                {actor.secondary}
              </Text>
            )}
            {showClinic && (
              <Text size="xs" c="dimmed">
                {event.clinicId
                  ? (directory.clinicName(event.clinicId) ?? shortId(event.clinicId))
                  : 'Platform'}
              </Text>
            )}
          </Stack>
          {event.actor.id && (
            <Tooltip label="Show only this actor’s events" withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Show only events by ${actor.name}`}
                onClick={() => onFilterActor(event.actor.id ?? '')}
                className={auditClasses.filterButton}
              >
                <IconFilter size={14} stroke={1.75} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {ACTION_LABELS[event.action] ?? event.action}
        </Text>
        <Text size="xs" c="dimmed" className={classes.mono}>
          {event.action}
        </Text>
        {details && (
          <Text size="xs" c="dimmed" mt={2} maw={280}>
            {details}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Box miw={140}>
          {target ? (
            <>
              <Text size="sm">{target.name}</Text>
              <Text size="xs" c="dimmed">
                {target.kind}
              </Text>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Box>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <Badge
          variant="light"
          color={OUTCOME_COLORS[event.outcome]}
          radius="sm"
          tt="none"
          leftSection={<OutcomeIcon size={13} stroke={2} aria-hidden />}
        >
          {OUTCOME_LABELS[event.outcome]}
        </Badge>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        {event.ip ? (
          <Text size="sm" className={classes.mono}>
            {event.ip}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function describeActor(
  actor: AuditEvent['actor'],
  directory: Directory,
): { name: string; secondary?: string } {
  switch (actor.type) {
    case 'system':
      return { name: 'televisit (system)' };
    case 'anonymous':
      return { name: 'Anonymous', secondary: 'not signed in' };
    case 'api_key': {
      const id = actor.id ?? '';
      const name = directory.apiKeyName(id);
      return { name: name ? `API key “${name}”` : 'API key', secondary: shortId(id) };
    }
    case 'user': {
      const id = actor.id ?? '';
      if (id === directory.me.id) return { name: `${directory.me.name} (you)`, secondary: shortId(id) };
      return { name: directory.userName(id) ?? 'User', secondary: shortId(id) };
    }
  }
}

const TARGET_KINDS: Record<string, string> = { user: 'User', api_key: 'API key', clinic: 'Clinic' };

function describeTarget(
  target: AuditEvent['target'],
  directory: Directory,
): { name: string; kind: string } | null {
  if (!target) return null;
  const kind = TARGET_KINDS[target.type] ?? target.type;
  const name =
    target.type === 'user'
      ? directory.userName(target.id)
      : target.type === 'api_key'
        ? directory.apiKeyName(target.id)
        : target.type === 'clinic'
          ? directory.clinicName(target.id)
          : undefined;
  return name ? { name, kind } : { name: shortId(target.id), kind };
}
