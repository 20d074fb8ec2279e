import { Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { AppointmentsCrumbs } from './appointments-crumbs';
import { usePageTitle } from '../../app/use-page-title';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ClinicContext } from '../clinics/clinic-context';
import { useClinic } from '../clinics/use-clinics';
import { BookingForm } from './booking-form';
import { useAppointmentScope, useProviders } from './use-appointment-scope';

export function BookAppointmentPage() {
  usePageTitle('Book appointment');
  const scope = useAppointmentScope();
  const providers = useProviders(scope);
  const clinic = useClinic(scope.clinicId);
  const navigate = useNavigate();
  const notify = useNotify();

  if (!scope.clinicId) return null;
  return (
    <Stack gap="xl" maw={760}>
      <PageHeader
        above={
          scope.fromClinicList ? (
            <ClinicContext clinicId={scope.clinicId} />
          ) : (
            <AppointmentsCrumbs listPath={scope.listPath} current="Book appointment" />
          )
        }
        title="Book appointment"
        description="A video visit with its own meeting and patient link. The meeting is created in the background; the appointment page shows when it is ready."
      />
      <Paper p={{ base: 'lg', sm: 'xl' }}>
        {providers.isPending || clinic.isLoading ? (
          <Stack gap="md" aria-busy="true">
            <Text size="sm" c="dimmed" role="status">
              Loading the form…
            </Text>
            {[0, 1, 2, 3].map((row) => (
              <Skeleton key={row} height={36} aria-hidden />
            ))}
          </Stack>
        ) : providers.error ? (
          <QueryError
            error={providers.error}
            what="the clinic’s providers"
            retrying={providers.isFetching}
            onRetry={providers.refetch}
          />
        ) : (
          <BookingForm
            providers={providers.bookable}
            me={scope.me}
            choosesProvider={scope.choosesProvider}
            clinicTimeZone={clinic.data?.timezone}
            cancelPath={scope.listPath}
            onBooked={(appointment) => {
              // True whether the meeting is still being made or already ready (the fake Zoom answers
              // before this page has loaded): the page's badge says which.
              notify('The appointment was booked. This page shows its meeting as soon as it is ready.');
              void navigate(scope.detailPath(appointment.id));
            }}
          />
        )}
      </Paper>
    </Stack>
  );
}
