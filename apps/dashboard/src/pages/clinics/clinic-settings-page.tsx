import { Paper, Skeleton, Stack, VisuallyHidden } from '@mantine/core';
import { usePageTitle } from '../../app/use-page-title';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ClinicContext } from './clinic-context';
import { useClinic } from './use-clinics';
import { VideoVisitSettings } from './video-visit-settings';

/** A clinic's own settings: for now, how its video visits are set up at Zoom. */
export function ClinicSettingsPage() {
  usePageTitle('Clinic settings');
  const { clinicId, fromClinicList } = useClinicScope();
  const clinic = useClinic(clinicId);

  if (!clinicId) return null;
  return (
    <Stack gap="xl">
      <PageHeader
        above={fromClinicList ? <ClinicContext clinicId={clinicId} /> : undefined}
        title="Clinic settings"
        description={`How the video visits of ${clinic.data?.name ?? 'this clinic'} are set up.`}
      />
      {clinic.isPending ? (
        <SettingsSkeleton />
      ) : clinic.isError ? (
        <QueryError
          error={clinic.error}
          what="the clinic’s settings"
          retrying={clinic.isFetching}
          onRetry={() => void clinic.refetch()}
        />
      ) : (
        <VideoVisitSettings key={clinic.data.id} clinic={clinic.data} />
      )}
    </Stack>
  );
}

function SettingsSkeleton() {
  return (
    <div aria-busy="true">
      <VisuallyHidden role="status">Loading the clinic’s settings…</VisuallyHidden>
      <Paper p={{ base: 'lg', sm: 'xl' }} maw={720} aria-hidden>
        <Stack gap="lg">
          <Skeleton height={20} width={220} />
          <Skeleton height={12} width="70%" />
          <Skeleton height={36} />
          <Skeleton height={24} width={260} />
        </Stack>
      </Paper>
    </div>
  );
}
