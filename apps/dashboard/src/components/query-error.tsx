import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import { ApiError } from '../api/api-error';
import { ErrorAlert } from './error-alert';
import { explainError } from './explain-error';

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
    <ErrorAlert
      title={title}
      message={message}
      reference={reference}
      icon={<Icon size={22} stroke={1.75} aria-hidden />}
      retrying={retrying}
      onRetry={onRetry}
    />
  );
}
