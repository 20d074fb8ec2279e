import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { type Connection } from './use-connections';
import { accountName, vendorName } from './vendor-labels';

/**
 * The vendor stopped accepting the connection (revoked or expired: `invalid_grant`), so visits get no
 * meetings from it until the provider connects again. Loud on purpose, with the way out beside it.
 */
export function ReauthBanner({
  connection,
  busy,
  disabled,
  onReconnect,
}: {
  connection: Connection;
  busy: boolean;
  disabled: boolean;
  onReconnect: () => void;
}) {
  const name = vendorName(connection.vendor);
  const revoked = connection.lastError === 'invalid_grant';
  return (
    <Alert
      variant="filled"
      color="orange"
      radius="lg"
      p="lg"
      title={`Reconnect ${name}`}
      icon={<IconAlertTriangle size={22} aria-hidden />}
      role="alert"
    >
      <Stack gap="md" align="flex-start">
        <Text size="sm">
          {revoked
            ? `${accountName(connection.vendor)} no longer accepts televisit’s access: it was revoked or has expired.`
            : `televisit can no longer use your ${name} connection.`}{' '}
          Visits you host won’t get {name} meetings until you reconnect.
        </Text>
        <Button
          variant="white"
          color="orange"
          leftSection={<IconRefresh size={16} aria-hidden />}
          loading={busy}
          disabled={disabled}
          onClick={onReconnect}
        >
          Reconnect {name}
        </Button>
      </Stack>
    </Alert>
  );
}
