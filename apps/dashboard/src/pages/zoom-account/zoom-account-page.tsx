import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { paths } from '../../app/paths';
import { usePageTitle } from '../../app/use-page-title';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ClinicContext } from '../clinics/clinic-context';
import { useClinic } from '../clinics/use-clinics';
import { CredentialsForm } from './credentials-form';
import { CredentialsWarning } from './credentials-warning';
import { SetupGuide } from './setup-guide';
import { useRemoveZoomAccount, useZoomAccount } from './use-zoom-account';
import { ZoomAccountCard } from './zoom-account-card';
import { ZoomAccountSkeleton } from './zoom-account-skeleton';
import { ZoomMappingSections } from './zoom-mapping-sections';

const SETUP_HEADING_ID = 'zoom-setup-heading';

/**
 * The clinic's Zoom Server-to-Server app: set it up (a guide and the credentials form), see what is
 * stored (never the secret), replace or remove it, and choose the Zoom user of each provider.
 */
export function ZoomAccountPage() {
  usePageTitle('Zoom account');
  const { clinicId, fromClinicList } = useClinicScope();
  const notify = useNotify();
  const clinic = useClinic(clinicId);
  const account = useZoomAccount(clinicId);
  const remove = useRemoveZoomAccount(clinicId ?? '');
  const [replacing, setReplacing] = useState(false);
  const [removeOpen, setRemoveOpen] = useState(false);

  if (!clinicId) return null;
  const clinicName = clinic.data?.name ?? 'this clinic';
  const usersPath = fromClinicList ? paths.clinicUsers(clinicId) : paths.users;

  const confirmRemove = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        setRemoveOpen(false);
        setReplacing(false);
        notify('The Zoom account was removed. Its credentials are forgotten.');
      },
    });

  return (
    <Stack gap="xl">
      <PageHeader
        above={fromClinicList ? <ClinicContext clinicId={clinicId} /> : undefined}
        title="Zoom account"
        description={`The clinic’s own Zoom account, which hosts the video visits of ${clinicName}’s providers who haven’t connected a Zoom account of their own.`}
      />

      {account.isPending ? (
        <ZoomAccountSkeleton />
      ) : account.isError ? (
        <QueryError
          error={account.error}
          what="the Zoom account"
          retrying={account.isFetching}
          onRetry={() => void account.refetch()}
        />
      ) : account.data === null ? (
        <Paper p={{ base: 'lg', sm: 'xl' }} component="section" aria-labelledby={SETUP_HEADING_ID}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing={{ base: 'xl', md: 48 }}>
            <SetupGuide headingId={SETUP_HEADING_ID} />
            <Stack gap="md">
              <Title order={3} size="h4">
                App credentials
              </Title>
              <CredentialsForm
                clinicId={clinicId}
                submitLabel="Check and save"
                onSaved={() => notify('Zoom accepted the credentials. They are stored.')}
              />
            </Stack>
          </SimpleGrid>
        </Paper>
      ) : (
        <>
          {account.data.lastError && !replacing && (
            <CredentialsWarning
              lastError={account.data.lastError}
              disabled={remove.isPending}
              onReplace={() => setReplacing(true)}
            />
          )}
          <ZoomAccountCard
            clinicId={clinicId}
            account={account.data}
            replacing={replacing}
            busy={remove.isPending}
            onReplace={() => setReplacing(true)}
            onCancelReplace={() => setReplacing(false)}
            onSaved={() => {
              setReplacing(false);
              notify('Zoom accepted the new credentials. They replace the old ones.');
            }}
            onRemove={() => {
              remove.reset();
              setRemoveOpen(true);
            }}
          />
          <ZoomMappingSections clinicId={clinicId} usersPath={usersPath} />
        </>
      )}

      <ConfirmDialog
        opened={removeOpen}
        title="Remove the Zoom account?"
        confirmLabel="Remove Zoom account"
        busy={remove.isPending}
        error={remove.error}
        onConfirm={confirmRemove}
        onClose={() => setRemoveOpen(false)}
      >
        televisit will revoke its token at Zoom and forget the Account ID, Client ID and Client secret. Until
        credentials are entered again, creating the meeting of a visit fails with{' '}
        <code>zoom_not_connected</code> for every provider who hasn’t connected their own Zoom account. The
        providers’ Zoom users stay chosen.
      </ConfirmDialog>
    </Stack>
  );
}
