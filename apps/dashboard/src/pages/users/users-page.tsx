import { Button, Stack } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { usePageTitle } from '../../app/use-page-title';
import { type User } from '../../auth/session-state';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { useCurrentUser } from '../../auth/use-session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyCard } from '../../components/empty-card';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { ClinicContext } from '../clinics/clinic-context';
import { useClinic } from '../clinics/use-clinics';
import { AddUserModal } from './add-user-modal';
import { EditUserModal } from './edit-user-modal';
import { UsersTable } from './users-table';
import { useUpdateUser, useUsers } from './use-users';

export function UsersPage() {
  usePageTitle('Users');
  const { clinicId, fromClinicList } = useClinicScope();
  const me = useCurrentUser();
  const notify = useNotify();
  const clinic = useClinic(clinicId);
  const users = useUsers(clinicId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const [toggleOpen, setToggleOpen] = useState(false);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const toggle = useUpdateUser();

  if (!clinicId) return null;
  const clinicName = clinic.data?.name ?? 'this clinic';
  const addButton = (
    <Button
      leftSection={<IconUserPlus size={18} stroke={1.75} aria-hidden />}
      onClick={() => setAdding(true)}
    >
      Add user
    </Button>
  );

  const confirmToggle = () => {
    if (!toggling) return;
    const disabled = !toggling.disabled;
    toggle.mutate(
      { id: toggling.id, changes: { disabled } },
      {
        onSuccess: () => {
          notify(
            disabled ? `${toggling.name} can no longer sign in.` : `${toggling.name} can sign in again.`,
          );
          setToggleOpen(false);
        },
      },
    );
  };

  return (
    <Stack gap="xl">
      <PageHeader
        above={fromClinicList ? <ClinicContext clinicId={clinicId} /> : undefined}
        title="Users"
        description={`The clinic admins and providers who sign in to ${clinicName}’s dashboard.`}
        actions={users.data && users.data.length > 0 ? addButton : undefined}
      />

      {users.isPending ? (
        <TableSkeleton columns={['Name', 'Role', 'Zoom user', 'Status', 'Actions']} label="Loading users…" />
      ) : users.isError ? (
        <QueryError
          error={users.error}
          what="the users"
          retrying={users.isFetching}
          onRetry={() => void users.refetch()}
        />
      ) : users.data.length === 0 ? (
        <EmptyCard
          icon={<IconUsers size={30} stroke={1.75} aria-hidden />}
          title="No users yet"
          description="Add the clinic admins who manage this clinic and the providers who host its video visits."
          action={addButton}
        />
      ) : (
        <UsersTable
          users={users.data}
          currentUserId={me.id}
          highlightId={highlightId}
          onEdit={setEditing}
          onToggleDisabled={(user) => {
            toggle.reset();
            setToggling(user);
            setToggleOpen(true);
          }}
        />
      )}

      <AddUserModal
        clinicId={clinicId}
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={(user) => {
          setAdding(false);
          setHighlightId(user.id);
          notify(`${user.name} was added.`);
        }}
      />
      <EditUserModal
        user={editing}
        isSelf={editing?.id === me.id}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          setEditing(null);
          setHighlightId(user.id);
          notify(`Changes to ${user.name} were saved.`);
        }}
      />
      <ConfirmDialog
        opened={toggleOpen}
        title={toggling?.disabled ? 'Enable this account?' : 'Disable this account?'}
        confirmLabel={toggling?.disabled ? 'Enable account' : 'Disable account'}
        color={toggling?.disabled ? 'clinic' : 'red'}
        busy={toggle.isPending}
        error={toggle.error}
        onConfirm={confirmToggle}
        onClose={() => setToggleOpen(false)}
      >
        {toggling?.disabled ? (
          <>
            <strong>{toggling.name}</strong> ({toggling.email}) will be able to sign in again with their
            current password.
          </>
        ) : (
          <>
            <strong>{toggling?.name}</strong> ({toggling?.email}) is signed out at once and can’t sign in
            until an admin enables the account again. Their history stays in the audit log.
          </>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
