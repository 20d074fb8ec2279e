import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { ApiError } from '../api/api-error';
import { explainError } from './explain-error';
import { RefreshButton } from './refresh-button';

/** The error state of a page or section: what went wrong, a reference for support, and Retry. */
export function QueryError({
  error,
  what,
  retrying,
  onRetry,
}: {
  error: unknown;
  /** The data that could not be loaded, in running text: "the users", "the audit log". */
  what: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { title, message, reference } = explainError(error, what);
  const offline = !(error instanceof ApiError) || error.failure.kind === 'network';
  const Icon = offline ? IconPlugConnectedX : IconAlertTriangle;
  return (
    <Alert
      variant="light"
      color="red"
      radius="lg"
      p="lg"
      title={title}
      icon={<Icon size={22} stroke={1.75} aria-hidden />}
    >
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
