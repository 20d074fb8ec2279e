import { Anchor, Modal, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { fieldErrors } from '../../api/field-errors';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { ModalActions } from '../../components/modal-actions';
import { generatePassword } from './generate-password';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-policy';
import { type User } from '../../auth/session-state';
import { useCreateUser } from './use-users';
import { ASSIGNABLE_ROLES, type AssignableRole } from './user-labels';

const FIELDS = ['name', 'email', 'role', 'password'] as const;
type Field = (typeof FIELDS)[number];

/** Add a provider or clinic admin to the clinic, with an initial password to hand over. */
export function AddUserModal({
  clinicId,
  opened,
  onClose,
  onAdded,
}: {
  clinicId: string;
  opened: boolean;
  onClose: () => void;
  onAdded: (user: User) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add user" size="lg" centered>
      {/* Mounted only while open: every opening starts with an empty form. */}
      {opened && <AddUserForm clinicId={clinicId} onCancel={onClose} onAdded={onAdded} />}
    </Modal>
  );
}

function AddUserForm({
  clinicId,
  onCancel,
  onAdded,
}: {
  clinicId: string;
  onCancel: () => void;
  onAdded: (user: User) => void;
}) {
  const create = useCreateUser(clinicId);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AssignableRole>('provider');
  const [password, setPassword] = useState('');
  const [passwordVisible, setPasswordVisible] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = validate({ name, email, password });
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length > 0) return;
    create.mutate(
      { name: name.trim(), email: email.trim(), role, password },
      {
        onSuccess: (created) => onAdded(created),
        onError: (error) => {
          if (isApiError(error, 409) && error.code === 'email_taken') {
            setErrors({ email: 'A user with this email address already exists.' });
            return;
          }
          const { byField, other } = fieldErrors(error, FIELDS);
          setErrors(byField);
          setFormError(
            other.length > 0 || Object.keys(byField).length === 0
              ? [describeMutationError(error), ...other].join(' ')
              : null,
          );
        },
      },
    );
  };

  const generate = () => {
    setPassword(generatePassword());
    setPasswordVisible(true);
    setErrors(({ password: _, ...rest }) => rest);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          They sign in with this email address and the initial password you set here, and can change the
          password under My profile.
        </Text>
        <FormErrorAlert message={formError} />
        <TextInput
          label="Full name"
          required
          data-autofocus
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <TextInput
          label="Email"
          type="email"
          required
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          error={errors.email}
        />
        <Radio.Group
          label="Role"
          required
          value={role}
          onChange={(value) => setRole(value)}
          error={errors.role}
        >
          <Stack gap="sm" mt="xs">
            {ASSIGNABLE_ROLES.map((option) => (
              <Radio
                key={option.value}
                value={option.value}
                label={option.label}
                description={option.description}
              />
            ))}
          </Stack>
        </Radio.Group>
        <div>
          <PasswordInput
            label="Initial password"
            description={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Hand it over in person or by phone, not by email.`}
            required
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
            visible={passwordVisible}
            onVisibilityChange={setPasswordVisible}
            visibilityToggleButtonProps={{
              'aria-label': passwordVisible ? 'Hide password' : 'Show password',
            }}
          />
          <Anchor component="button" type="button" size="sm" mt={6} onClick={generate}>
            Generate a strong password
          </Anchor>
        </div>
        <ModalActions submitLabel="Add user" submitting={create.isPending} onCancel={onCancel} mt="sm" />
      </Stack>
    </form>
  );
}

function validate(values: { name: string; email: string; password: string }): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!values.name.trim()) errors.name = 'Enter their name.';
  if (!values.email.trim()) errors.email = 'Enter their email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) {
    errors.email = 'Enter an email address such as name@clinic.example.';
  }
  if (values.password.length < PASSWORD_MIN) {
    errors.password = `Use at least ${PASSWORD_MIN} characters.`;
  } else if (values.password.length > PASSWORD_MAX) {
    errors.password = `Use at most ${PASSWORD_MAX} characters.`;
  }
  return errors;
}
