import { Alert, Text } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';
import { type ConnectResult } from './connect-result';

/**
 * How the trip to the vendor ended, at the top of the page until dismissed. Unlike the short-lived
 * notices of other pages it stays: the viewer has just come back from another site and may need the
 * instructions (an unticked permission, an expired link) while trying again.
 */
export function ConnectResultNotice({ result, onDismiss }: { result: ConnectResult; onDismiss: () => void }) {
  const success = result.kind === 'success';
  const Icon = success ? IconCircleCheck : IconAlertCircle;
  return (
    <Alert
      variant="light"
      color={success ? 'green' : 'red'}
      radius="lg"
      title={result.title}
      icon={<Icon size={20} aria-hidden />}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
      role={success ? 'status' : 'alert'}
      data-testid="connect-result"
    >
      <Text size="sm">{result.message}</Text>
    </Alert>
  );
}
