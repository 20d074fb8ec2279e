import { Alert, Code, Stack, Text } from '@mantine/core';
import { type ReactNode } from 'react';
import { RefreshButton } from './refresh-button';

/** A red error alert: what went wrong, a reference for support if there is one, and Retry. */
export function ErrorAlert({
  title,
  message,
  reference,
  icon,
  retrying,
  onRetry,
}: {
  title: string;
  message: string;
  reference?: string;
  icon: ReactNode;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Alert variant="light" color="red" radius="lg" p="lg" title={title} icon={icon}>
      <Stack gap="md" align="flex-start">
        <Text size="sm">{message}</Text>
        {reference && (
          <Text size="sm">
            Reference: <Code>{reference}</Code>
          </Text>
        )}
        <RefreshButton color="red" label="Retry" busyLabel="Retrying…" busy={retrying} onClick={onRetry} />
      </Stack>
    </Alert>
  );
}
