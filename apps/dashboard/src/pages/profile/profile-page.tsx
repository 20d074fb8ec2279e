import {
  Alert,
  Avatar,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { fieldErrors } from '../../api/field-errors';
import { ROLE_LABELS } from '../../app/access';
import { usePageTitle } from '../../app/use-page-title';
import { initials } from '../../auth/initials';
import { type User } from '../../auth/session-state';
import { useCurrentUser } from '../../auth/use-session';
import { describeMutationError } from '../../components/explain-error';
import { FormErrorAlert } from '../../components/form-error-alert';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { useClinic } from '../clinics/use-clinics';
import { PASSWORD_MAX, PASSWORD_MIN } from '../users/password-policy';
import { ROLE_COLORS } from '../users/user-labels';
import { useUpdateUser } from '../users/use-users';
import { useChangeOwnPassword } from './use-change-password';
import { Fact } from '../../components/fact';

export function ProfilePage() {
  usePageTitle('My profile');
  const user = useCurrentUser();
  return (
    <Stack gap="xl">
      <PageHeader
        title="My profile"
        description="How you appear in televisit, and the password you sign in with."
      />
      <AccountSummary user={user} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <NameForm key={user.name} user={user} />
        <PasswordForm userId={user.id} />
      </SimpleGrid>
    </Stack>
  );
}

function AccountSummary({ user }: { user: User }) {
  const clinic = useClinic(user.clinicId);
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }}>
      <Group gap="lg" wrap="nowrap" align="center">
        <Avatar size={64} radius="xl" color={ROLE_COLORS[user.role]} aria-hidden>
          {initials(user.name)}
        </Avatar>
        <Stack gap={4}>
          <Text fz="xl" fw={650} lh={1.2}>
            {user.name}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color={ROLE_COLORS[user.role]} radius="sm" tt="none">
              {ROLE_LABELS[user.role]}
            </Badge>
            {clinic.data && (
              <Text size="sm" c="dimmed">
                {clinic.data.name}
              </Text>
            )}
          </Group>
        </Stack>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="lg" mt="lg" mb={0}>
        <Fact label="Email">{user.email}</Fact>
        <Fact label="Zoom user">
          {user.zoomUser ?? (
            <Text span c="dimmed" inherit>
              Not linked. A clinic admin links your Zoom account.
            </Text>
          )}
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function NameForm({ user }: { user: User }) {
  const update = useUpdateUser();
  const notify = useNotify();
  const [name, setName] = useState(user.name);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    if (!name.trim()) {
      setError('Enter your name.');
      return;
    }
    setError(null);
    if (name.trim() === user.name) return;
    update.mutate(
      { id: user.id, changes: { name: name.trim() } },
      {
        onSuccess: () => notify('Your name was saved.'),
        onError: (failure) => {
          const { byField } = fieldErrors(failure, ['name'] as const);
          if (byField.name) setError(byField.name);
          else setFormError(describeMutationError(failure));
        },
      },
    );
  };

  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="name-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} id="name-heading">
              Your name
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              Shown to your colleagues in televisit.
            </Text>
          </div>
          <FormErrorAlert message={formError} />
          <TextInput
            label="Full name"
            required
            maxLength={200}
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={name.trim() === user.name}>
              Save name
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PasswordForm({ userId }: { userId: string }) {
  const change = useChangeOwnPassword(userId);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ currentPassword?: string; password?: string; repeat?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const local: { currentPassword?: string; password?: string; repeat?: string } = {};
    if (!current) local.currentPassword = 'Enter your current password.';
    if (password.length < PASSWORD_MIN) local.password = `Use at least ${PASSWORD_MIN} characters.`;
    else if (password.length > PASSWORD_MAX) local.password = `Use at most ${PASSWORD_MAX} characters.`;
    if (!local.password && repeat !== password) local.repeat = 'The passwords don’t match.';
    setErrors(local);
    if (local.currentPassword || local.password || local.repeat) return;
    change.mutate(
      { password, currentPassword: current },
      {
        onError: (failure) => {
          const { byField } = fieldErrors(failure, ['password', 'currentPassword'] as const);
          if (byField.password || byField.currentPassword) setErrors(byField);
          else setFormError(describeMutationError(failure));
        },
      },
    );
  };

  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} id="password-heading">
              Password
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {PASSWORD_MIN} to {PASSWORD_MAX} characters. A long phrase is easier to remember than a short
              jumble.
            </Text>
          </div>
          <FormErrorAlert message={formError} />
          <PasswordInput
            label="Current password"
            required
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label="New password"
            required
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={errors.password}
          />
          <PasswordInput
            label="Repeat new password"
            required
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.currentTarget.value)}
            error={errors.repeat}
          />
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} aria-hidden />} p="sm">
            <Text size="sm">Changing it signs you out everywhere, here included.</Text>
          </Alert>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
