import { Alert, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { formatClockTime } from './format';
import { ReadinessError } from './readiness-error';
import { ErrorAlert } from '../../components/error-alert';
import { type Explanation } from '../../components/explain-error';
import { RefreshButton } from '../../components/refresh-button';

function explain(error: Error | null): Explanation {
  if (error instanceof ReadinessError) {
    const { failure } = error;
    if (failure.kind === 'problem') {
      return {
        title: 'The API could not report its status',
        message: failure.problem.detail ?? failure.problem.title,
        reference: failure.problem.requestId,
      };
    }
    if (failure.kind === 'unexpected') {
      return {
        title: 'The API gave an unexpected answer',
        message: `It answered with HTTP ${failure.status}. A proxy or load balancer in front of televisit may be misconfigured.`,
      };
    }
  }
  return {
    title: 'Can’t reach the televisit API',
    message:
      'The dashboard could not connect to the API. Check your network connection; if it is fine, the API server may be stopped or restarting.',
  };
}

/** Nothing to show yet: the API could not be asked, or answered with an error. */
export function ReadinessUnavailable({
  error,
  retrying,
  onRetry,
}: {
  error: Error | null;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { title, message, reference } = explain(error);
  return (
    <ErrorAlert
      title={title}
      message={message}
      reference={reference}
      icon={<IconPlugConnectedX size={22} stroke={1.75} aria-hidden />}
      retrying={retrying}
      onRetry={onRetry}
    />
  );
}

/** A poll failed after an earlier one succeeded: keep the last answer on screen and say how old it is. */
export function RefreshFailedNotice({
  error,
  checkedAt,
  retrying,
  onRetry,
}: {
  error: Error;
  checkedAt: Date;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { title } = explain(error);
  return (
    <Alert
      variant="light"
      color="red"
      radius="lg"
      icon={<IconAlertTriangle size={20} stroke={1.75} aria-hidden />}
    >
      <Group justify="space-between" gap="md">
        <Text size="sm">
          <strong>{title}.</strong> Showing the last answer, from {formatClockTime(checkedAt)}.
        </Text>
        <RefreshButton
          size="xs"
          variant="default"
          label="Retry"
          busyLabel="Retrying…"
          busy={retrying}
          onClick={onRetry}
        />
      </Group>
    </Alert>
  );
}
