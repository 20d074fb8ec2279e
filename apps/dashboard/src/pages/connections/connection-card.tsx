import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnected, IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import { describeMutationError } from '../../components/explain-error';
import { Fact } from '../../components/fact';
import { formatDateTime } from '../../format/date-time';
import { ConnectionStatusBadge } from './connection-status-badge';
import { type Connection } from './use-connections';
import { accountName, describeLastError, scopeLabels, vendorName } from './vendor-labels';

const PURPOSE: Record<string, string> = {
  zoom: 'televisit creates the Zoom meetings of the visits you host in your Zoom account.',
  google: 'televisit adds Google Meet links to the visits you host, as events in your Google Calendar.',
};

/** One vendor: its status, whose account, what it may do, since when, and what to do next. */
export function ConnectionCard({
  connection,
  connecting,
  disabled,
  connectError,
  testing,
  testError,
  onConnect,
  onDisconnect,
  onTest,
}: {
  connection: Connection;
  /** This card's Connect/Reconnect is on its way to the vendor. */
  connecting: boolean;
  /** Another request of the page is running. */
  disabled: boolean;
  /** Why starting to connect this vendor failed, if it did. */
  connectError: unknown;
  /** This card's connection check is running. */
  testing: boolean;
  /** Why the last check of this vendor failed, if it did. */
  testError: unknown;
  onConnect: () => void;
  onDisconnect: () => void;
  onTest: () => void;
}) {
  const { vendor, available, status, accountEmail, scopes, connectedAt, lastError } = connection;
  const name = vendorName(vendor);
  const headingId = `connection-${vendor}-heading`;
  const scopeWords = scopeLabels(scopes);

  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md" h="100%">
        <Group justify="space-between" align="center" wrap="nowrap">
          <Title order={2} id={headingId}>
            {name}
          </Title>
          <ConnectionStatusBadge status={status} />
        </Group>
        <Text size="sm" c="dimmed">
          {PURPOSE[vendor] ?? `televisit creates the meetings of the visits you host with ${name}.`}
          {status === 'not_connected' && ` Connect your ${accountName(vendor)} account to start.`}
        </Text>
        {!available && (
          <Alert color="orange" variant="light" title={`${name} is no longer set up on this server`}>
            Visits can’t use {name} until the operator sets it up again. televisit still holds this
            connection’s tokens: disconnect to erase them.
          </Alert>
        )}

        {(status !== 'not_connected' || lastError) && (
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" my={0}>
            {status !== 'not_connected' && (
              <Fact label="Account">
                {accountEmail ?? (
                  <Text span c="dimmed" inherit>
                    Not reported by {name}
                  </Text>
                )}
              </Fact>
            )}
            {connectedAt && (
              <Fact label="Connected since">
                <time dateTime={connectedAt}>{formatDateTime(connectedAt)}</time>
              </Fact>
            )}
            {scopeWords.length > 0 && (
              <div style={{ gridColumn: '1 / -1' }}>
                <Text component="dt" size="sm" c="dimmed">
                  Permissions granted
                </Text>
                <Text component="dd" m={0} mt={4}>
                  <Group component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
                    {scopeWords.map((word) => (
                      <Badge component="li" key={word} variant="default" radius="sm" tt="none" fw={500}>
                        {word}
                      </Badge>
                    ))}
                  </Group>
                </Text>
              </div>
            )}
            {lastError && (
              <div style={{ gridColumn: '1 / -1' }}>
                <Text component="dt" size="sm" c="dimmed">
                  Last problem
                </Text>
                <Text component="dd" m={0} mt={2} fw={500}>
                  {describeLastError(vendor, lastError)}
                </Text>
              </div>
            )}
          </SimpleGrid>
        )}

        {connectError != null && (
          <Alert color="red" variant="light" role="alert" title={`Couldn’t start connecting ${name}`}>
            {describeMutationError(connectError)}
          </Alert>
        )}

        {testError != null && (
          <Alert color="red" variant="light" role="alert" title={`${name} did not accept the connection`}>
            {describeMutationError(testError)}
          </Alert>
        )}

        <Group justify="flex-end" gap="sm" mt="auto">
          {available && status === 'connected' && (
            <Button
              variant="default"
              leftSection={<IconPlugConnected size={16} aria-hidden />}
              loading={testing}
              disabled={disabled}
              onClick={onTest}
            >
              Test {name}
            </Button>
          )}
          {status !== 'not_connected' && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconPlugConnectedX size={16} aria-hidden />}
              disabled={disabled || connecting}
              onClick={onDisconnect}
            >
              Disconnect {name}
            </Button>
          )}
          {available && status !== 'connected' && (
            <Button
              leftSection={
                status === 'needs_reauth' ? (
                  <IconRefresh size={16} aria-hidden />
                ) : (
                  <IconPlugConnected size={16} aria-hidden />
                )
              }
              loading={connecting}
              disabled={disabled}
              onClick={onConnect}
            >
              {status === 'needs_reauth' ? 'Reconnect' : 'Connect'} {name}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
