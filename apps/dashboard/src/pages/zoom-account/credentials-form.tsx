import { Alert, Button, Group, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { OneTimeSecret } from './one-time-secret';
import { useSaveZoomAccount, type ZoomAccount } from './use-zoom-account';

const FIELDS = ['accountId', 'clientId', 'clientSecret'] as const;
type Field = (typeof FIELDS)[number];

interface Failure {
  title: string;
  message: string;
}

/**
 * Account ID, Client ID and Client secret of the clinic's Server-to-Server app. Saving asks Zoom for
 * a token first, so it takes a moment and may be refused; nothing is stored unless Zoom accepts. The
 * secret is never filled in: replacing the credentials means entering it again.
 */
export function CredentialsForm({
  clinicId,
  initial,
  submitLabel,
  focusOnOpen = false,
  onCancel,
  onSaved,
}: {
  clinicId: string;
  /** The stored account, when replacing its credentials. */
  initial?: Pick<ZoomAccount, 'accountId' | 'clientId'>;
  submitLabel: string;
  focusOnOpen?: boolean;
  onCancel?: () => void;
  onSaved: (account: ZoomAccount) => void;
}) {
  const save = useSaveZoomAccount(clinicId);
  const [accountId, setAccountId] = useState(initial?.accountId ?? '');
  const [clientId, setClientId] = useState(initial?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [secretVisible, setSecretVisible] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const pending = save.isPending;

  useEffect(() => {
    if (focusOnOpen) firstField.current?.focus();
  }, [focusOnOpen]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = {
      accountId: accountId.trim(),
      clientId: clientId.trim(),
      clientSecret: clientSecret.trim(),
    };
    const local: Partial<Record<Field, string>> = {};
    if (!values.accountId) local.accountId = 'Enter the Account ID from the app’s credentials.';
    if (!values.clientId) local.clientId = 'Enter the Client ID from the app’s credentials.';
    if (!values.clientSecret) local.clientSecret = 'Enter the Client secret from the app’s credentials.';
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    save.mutate(
      { ...values, clientSecret: new OneTimeSecret(values.clientSecret) },
      {
        onSuccess: (account) => {
          setClientSecret('');
          setSecretVisible(false);
          onSaved(account);
        },
        onError: (error) => {
          const { byField, other } = fieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || other.length > 0)
            setFailure(describeFailure(error, other));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Zoom app credentials">
      <Stack gap="md">
        {failure && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={failure.title}
            icon={<IconAlertCircle size={18} aria-hidden />}
          >
            {failure.message}
          </Alert>
        )}
        <TextInput
          ref={firstField}
          label="Account ID"
          required
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          value={accountId}
          onChange={(event) => setAccountId(event.currentTarget.value)}
          error={errors.accountId}
          disabled={pending}
        />
        <TextInput
          label="Client ID"
          required
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          value={clientId}
          onChange={(event) => setClientId(event.currentTarget.value)}
          error={errors.clientId}
          disabled={pending}
        />
        <PasswordInput
          label="Client secret"
          description={
            initial
              ? 'Enter it again: the stored secret is never shown. It is stored encrypted.'
              : 'Stored encrypted; televisit never shows it again.'
          }
          required
          maxLength={256}
          autoComplete="off"
          spellCheck={false}
          value={clientSecret}
          onChange={(event) => setClientSecret(event.currentTarget.value)}
          error={errors.clientSecret}
          disabled={pending}
          visible={secretVisible}
          onVisibilityChange={setSecretVisible}
          visibilityToggleButtonProps={{ 'aria-label': secretVisible ? 'Hide secret' : 'Show secret' }}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          {pending && (
            <Group gap={8} mr="auto" role="status">
              <Loader size="xs" aria-hidden />
              <Text size="sm" c="dimmed">
                Checking the credentials with Zoom…
              </Text>
            </Group>
          )}
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Why saving failed, in words: Zoom said no, Zoom could not be asked, or anything else. */
function describeFailure(error: unknown, other: string[]): Failure {
  if (isApiError(error, 422) && error.code === 'zoom_credentials_rejected') {
    return {
      title: 'Zoom didn’t accept the credentials',
      message: `${error.problem?.detail ?? 'Check the Account ID, Client ID and Client secret.'} Nothing was stored.`,
    };
  }
  if (isApiError(error, 502)) {
    return {
      title: 'Couldn’t reach Zoom',
      message: `${error.problem?.detail ?? 'Zoom did not answer.'} Nothing was stored; try again in a moment.`,
    };
  }
  return {
    title: 'The credentials weren’t saved',
    message: [describeMutationError(error), ...other].join(' '),
  };
}
