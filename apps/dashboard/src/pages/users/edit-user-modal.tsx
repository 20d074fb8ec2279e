import { Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { fieldErrors } from '../../api/field-errors';
import { type User } from '../../auth/session-state';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { ModalActions } from '../../components/modal-actions';
import { type UserChanges, useUpdateUser } from './use-users';
import { ASSIGNABLE_ROLES, type AssignableRole } from './user-labels';

const FIELDS = ['name', 'role', 'zoomUser'] as const;
type Field = (typeof FIELDS)[number];

/** Change a user's name, role and Zoom account. Disabling is its own confirmed action. */
export function EditUserModal({
  user,
  isSelf,
  onClose,
  onSaved,
}: {
  user: User | null;
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  return (
    <Modal opened={user !== null} onClose={onClose} title="Edit user" size="lg" centered>
      {user && (
        <EditUserForm key={user.id} user={user} isSelf={isSelf} onCancel={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function EditUserForm({
  user,
  isSelf,
  onCancel,
  onSaved,
}: {
  user: User;
  isSelf: boolean;
  onCancel: () => void;
  onSaved: (user: User) => void;
}) {
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<AssignableRole>(
    user.role === 'clinic_admin' ? 'clinic_admin' : 'provider',
  );
  const [zoomUser, setZoomUser] = useState(user.zoomUser ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) {
      setErrors({ name: 'Enter their name.' });
      return;
    }
    const changes: UserChanges = {};
    if (name.trim() !== user.name) changes.name = name.trim();
    if (!isSelf && role !== user.role) changes.role = role;
    const zoom = zoomUser.trim() || null;
    if (zoom !== user.zoomUser) changes.zoomUser = zoom;
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setErrors({});
    update.mutate(
      { id: user.id, changes },
      {
        onSuccess: (saved) => onSaved(saved),
        onError: (error) => {
          const { byField, other } = fieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || other.length > 0) {
            setFormError(
              isApiError(error, 409)
                ? describeMutationError(error)
                : [describeMutationError(error), ...other].join(' '),
            );
          }
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {user.email}
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
        <Radio.Group
          label="Role"
          description={isSelf ? 'You can’t change your own role. Another clinic admin can.' : undefined}
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
                disabled={isSelf}
              />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          label="Zoom user"
          description="The email address of their Zoom account, which hosts their visits. Leave empty if they have none yet."
          type="email"
          maxLength={254}
          autoComplete="off"
          spellCheck={false}
          value={zoomUser}
          onChange={(event) => setZoomUser(event.currentTarget.value)}
          error={errors.zoomUser}
        />
        <ModalActions submitLabel="Save changes" submitting={update.isPending} onCancel={onCancel} mt="sm" />
      </Stack>
    </form>
  );
}
