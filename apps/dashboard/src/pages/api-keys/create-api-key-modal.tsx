import { Alert, Button, Checkbox, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { ModalActions } from '../../components/modal-actions';
import { SCOPES } from './scopes';
import { type ApiKey, type ApiKeyScope, useCreateApiKey } from './use-api-keys';
import classes from './api-keys.module.css';

const FIELDS = ['name', 'scopes'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Two steps in one dialog: name the key and pick its scopes; then the key itself, shown this once
 * with a copy button. Closing the dialog forgets the key: televisit keeps only its hash.
 */
export function CreateApiKeyModal({
  clinicId,
  opened,
  onClose,
}: {
  clinicId: string;
  opened: boolean;
  onClose: (created: ApiKey | null) => void;
}) {
  const create = useCreateApiKey(clinicId);
  const created = create.data;
  const close = () => {
    onClose(created?.apiKey ?? null);
    // Drops the key from memory: it is never shown again.
    create.reset();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Copy your new API key' : 'Create API key'}
      size="lg"
      centered
      // Once the key is on screen, a stray click beside the dialog must not lose it.
      closeOnClickOutside={!created}
    >
      {created ? (
        <NewKeyPanel name={created.apiKey.name} secret={created.key} onDone={close} />
      ) : (
        opened && <CreateApiKeyForm create={create} onCancel={close} />
      )}
    </Modal>
  );
}

function CreateApiKeyForm({
  create,
  onCancel,
}: {
  create: ReturnType<typeof useCreateApiKey>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['appointments:read']);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!name.trim()) local.name = 'Name the key after where it is used.';
    if (scopes.length === 0) local.scopes = 'Choose at least one scope.';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    create.mutate(
      { name: name.trim(), scopes },
      {
        onError: (error) => {
          const { byField, other } = fieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || other.length > 0) {
            setFormError([describeMutationError(error), ...other].join(' '));
          }
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          An EHR uses the key to create and look up this clinic’s video visits. Give each system its own key,
          with only the scopes it needs.
        </Text>
        <FormErrorAlert message={formError} />
        <TextInput
          label="Name"
          description="Where the key is used, so you can tell keys apart later."
          placeholder="e.g. Epic production"
          required
          data-autofocus
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Checkbox.Group
          label="Scopes"
          description="What the key may do. Anything not granted is refused."
          required
          value={scopes}
          onChange={(value) => setScopes(value)}
          error={errors.scopes}
        >
          <Stack gap="sm" mt="sm">
            {SCOPES.map((scope) => (
              <Checkbox
                key={scope.value}
                value={scope.value}
                label={
                  <>
                    {scope.label} <span className={classes.scopeCode}>{scope.value}</span>
                  </>
                }
                description={scope.description}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <ModalActions submitLabel="Create key" submitting={create.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function NewKeyPanel({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <Stack gap="lg">
      <Alert
        variant="light"
        color="orange"
        title="This is the only time the key is shown"
        icon={<IconAlertTriangle size={20} stroke={1.75} aria-hidden />}
        role="status"
      >
        Copy it now into the EHR’s configuration or your secrets manager. televisit stores only a fingerprint
        of the key and can’t show it again. If it is lost, revoke it and create a new one.
      </Alert>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <TextInput
          label={`API key “${name}”`}
          value={secret}
          readOnly
          flex={1}
          classNames={{ input: classes.secret }}
          onFocus={(event) => event.currentTarget.select()}
          data-autofocus
          spellCheck={false}
        />
        <CopyButton value={secret} timeout={4_000}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'green' : 'clinic'}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              onClick={copy}
              miw={112}
            >
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        Send it as <span className={classes.scopeCode}>Authorization: Bearer tvk_…</span> on every request.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          I’ve stored the key
        </Button>
      </Group>
    </Stack>
  );
}
