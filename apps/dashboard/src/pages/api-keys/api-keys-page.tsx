import { Button, Stack } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { usePageTitle } from '../../app/use-page-title';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyCard } from '../../components/empty-card';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { ClinicContext } from '../clinics/clinic-context';
import { useClinic } from '../clinics/use-clinics';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyModal } from './create-api-key-modal';
import { type ApiKey, useApiKeys, useRevokeApiKey } from './use-api-keys';

export function ApiKeysPage() {
  usePageTitle('API keys');
  const { clinicId, fromClinicList } = useClinicScope();
  const notify = useNotify();
  const clinic = useClinic(clinicId);
  const keys = useApiKeys(clinicId);
  const revoke = useRevokeApiKey(clinicId ?? '');
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [highlightId, setHighlightId] = useState<string | null>(null);

  if (!clinicId) return null;
  const clinicName = clinic.data?.name ?? 'this clinic';
  const createButton = (
    <Button leftSection={<IconPlus size={18} stroke={1.75} aria-hidden />} onClick={() => setCreating(true)}>
      Create API key
    </Button>
  );

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        setRevokeOpen(false);
        notify(`The key “${revoking.name}” was revoked.`);
      },
    });
  };

  return (
    <Stack gap="xl">
      <PageHeader
        above={fromClinicList ? <ClinicContext clinicId={clinicId} /> : undefined}
        title="API keys"
        description={`Keys let ${clinicName}’s EHR create and look up video visits through the televisit API.`}
        actions={keys.data && keys.data.length > 0 ? createButton : undefined}
      />

      {keys.isPending ? (
        <TableSkeleton
          columns={['Name and key', 'Scopes', 'Created', 'Last used', 'Status']}
          label="Loading API keys…"
        />
      ) : keys.isError ? (
        <QueryError
          error={keys.error}
          what="the API keys"
          retrying={keys.isFetching}
          onRetry={() => void keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <EmptyCard
          icon={<IconKey size={30} stroke={1.75} aria-hidden />}
          title="No API keys yet"
          description="Create a key for each EHR or system that schedules this clinic’s video visits."
          action={createButton}
        />
      ) : (
        <ApiKeysTable
          keys={keys.data}
          highlightId={highlightId}
          onRevoke={(key) => {
            revoke.reset();
            setHighlightId(null);
            setRevoking(key);
            setRevokeOpen(true);
          }}
        />
      )}

      <CreateApiKeyModal
        clinicId={clinicId}
        opened={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) {
            setHighlightId(created.id);
            notify(`The key “${created.name}” is ready to use.`);
          }
        }}
      />
      <ConfirmDialog
        opened={revokeOpen}
        title="Revoke this API key?"
        confirmLabel="Revoke key"
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onClose={() => setRevokeOpen(false)}
      >
        Requests that use <strong>{revoking?.name}</strong> ({revoking?.prefix}…) are refused from now on. The
        EHR that uses it stops working until it gets a new key. This can’t be undone.
      </ConfirmDialog>
    </Stack>
  );
}
