import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { describeAccountError } from './account-labels';

/**
 * Zoom stopped accepting the stored credentials, so meetings of providers without their own Zoom
 * fail until an admin enters them again. Loud on purpose, with the way out beside it.
 */
export function CredentialsWarning({
  lastError,
  disabled,
  onReplace,
}: {
  lastError: string;
  disabled: boolean;
  onReplace: () => void;
}) {
  return (
    <Alert
      variant="filled"
      color="orange"
      radius="lg"
      p="lg"
      title="Enter the Zoom credentials again"
      icon={<IconAlertTriangle size={22} aria-hidden />}
      role="alert"
    >
      <Stack gap="md" align="flex-start">
        <Text size="sm">
          {describeAccountError(lastError)} Visits of providers who haven’t connected their own Zoom get no
          meeting until the credentials are entered again.
        </Text>
        <Button
          variant="white"
          color="orange"
          leftSection={<IconRefresh size={16} aria-hidden />}
          disabled={disabled}
          onClick={onReplace}
        >
          Replace credentials
        </Button>
      </Stack>
    </Alert>
  );
}
