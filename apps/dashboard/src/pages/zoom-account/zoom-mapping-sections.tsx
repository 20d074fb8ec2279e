import { Stack } from '@mantine/core';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { useUsers } from '../users/use-users';
import { ProviderMappingTable } from './provider-mapping-table';
import { useZoomAccountUsers } from './use-zoom-account';
import { ZoomUsersTable } from './zoom-users-table';
import { providerRows, zoomUserRows } from './zoom-mapping';

/** With an account stored: its Zoom users and who they host, and each provider's Zoom user. */
export function ZoomMappingSections({ clinicId, usersPath }: { clinicId: string; usersPath: string }) {
  const zoomUsers = useZoomAccountUsers(clinicId);
  const users = useUsers(clinicId);

  if (zoomUsers.isPending || users.isPending) {
    return (
      <Stack gap="xl">
        <TableSkeleton
          columns={['Zoom user', 'Email', 'Hosts the visits of']}
          rows={3}
          label="Loading the users of the Zoom account…"
        />
        <TableSkeleton columns={['Provider', 'Zoom user']} rows={3} label="Loading the providers…" />
      </Stack>
    );
  }
  if (zoomUsers.isError) {
    return (
      <QueryError
        error={zoomUsers.error}
        what="the users of the Zoom account"
        retrying={zoomUsers.isFetching}
        onRetry={() => void zoomUsers.refetch()}
      />
    );
  }
  if (users.isError) {
    return (
      <QueryError
        error={users.error}
        what="the clinic’s providers"
        retrying={users.isFetching}
        onRetry={() => void users.refetch()}
      />
    );
  }
  return (
    <Stack gap="xl">
      <ZoomUsersTable rows={zoomUserRows(zoomUsers.data, users.data)} />
      <ProviderMappingTable
        clinicId={clinicId}
        rows={providerRows(users.data, zoomUsers.data)}
        zoomUsers={zoomUsers.data}
        usersPath={usersPath}
      />
    </Stack>
  );
}
