import { Button, Group, Stack, Text } from '@mantine/core';
import { IconCalendarEvent, IconCalendarPlus, IconFilterOff } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type AppointmentQuery } from '../../api/query-keys';
import { usePageTitle } from '../../app/use-page-title';
import { EmptyCard } from '../../components/empty-card';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { RefreshButton } from '../../components/refresh-button';
import { TableSkeleton } from '../../components/table-skeleton';
import { dayToInstant, describeTimeZone, viewerTimeZone } from '../../format/date-time';
import { ClinicContext } from '../clinics/clinic-context';
import {
  AppointmentFilters,
  type AppointmentFilterValues,
  differsFrom,
  NO_FILTERS,
} from './appointment-filters';
import { APPOINTMENT_COLUMNS, AppointmentsTable } from './appointments-table';
import { useAppointmentScope, useProviders } from './use-appointment-scope';
import { useAppointments } from './use-appointments';
import { wallTimeIn } from './zoned-time';

export function AppointmentsPage() {
  usePageTitle('Appointments');
  const scope = useAppointmentScope();
  const providers = useProviders(scope);
  // Upcoming visits first: from the start of today, in the viewer's zone.
  const [upcoming] = useState<AppointmentFilterValues>(() => ({
    ...NO_FILTERS,
    fromDay: wallTimeIn(new Date(), viewerTimeZone()).date,
  }));
  const [filters, setFilters] = useState(upcoming);
  // A platform admin sees every clinic's unless asked for one: the page's clinic goes to the API, so
  // pages and "Load more" hold that clinic's visits only.
  const clinicId = scope.fromClinicList ? scope.clinicId : null;
  const { query, toError } = useMemo(() => toQuery(filters, clinicId), [filters, clinicId]);
  const appointments = useAppointments(query, { enabled: Boolean(scope.clinicId) });
  const [zone] = useState(() => describeTimeZone(new Date()));

  const rows = useMemo(
    () => appointments.data?.pages.flatMap((page) => page.data) ?? [],
    [appointments.data],
  );
  const filtered = differsFrom(filters, upcoming);

  if (!scope.clinicId) return null;
  const bookButton = (
    <Button
      component={Link}
      to={scope.newPath}
      leftSection={<IconCalendarPlus size={18} stroke={1.75} aria-hidden />}
    >
      Book appointment
    </Button>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        above={scope.fromClinicList ? <ClinicContext clinicId={scope.clinicId} /> : undefined}
        title="Appointments"
        description={
          scope.viewer === 'provider'
            ? 'Your video visits by start time, each with its meeting and the patient’s link.'
            : 'The clinic’s video visits by start time, each with its meeting and the patient’s link.'
        }
        actions={
          <>
            <RefreshButton
              variant="default"
              label="Refresh"
              busyLabel="Refreshing…"
              busy={appointments.isRefetching && !appointments.isFetchingNextPage}
              onClick={() => void appointments.refetch()}
            />
            {bookButton}
          </>
        }
      />
      <AppointmentFilters
        values={filters}
        defaults={upcoming}
        onChange={setFilters}
        providers={scope.choosesProvider ? providers.all : undefined}
        toError={toError}
      />

      {appointments.isPending ? (
        <TableSkeleton columns={APPOINTMENT_COLUMNS} rows={5} label="Loading appointments…" />
      ) : appointments.isError && rows.length === 0 ? (
        <QueryError
          error={appointments.error}
          what="the appointments"
          retrying={appointments.isFetching}
          onRetry={() => void appointments.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyCard
          icon={<IconCalendarEvent size={30} stroke={1.75} aria-hidden />}
          title={filtered ? 'No appointments match these filters' : 'No upcoming appointments'}
          description={
            filtered
              ? 'Try a wider date range, another status or another provider.'
              : 'Book a video visit here, or let the EHR book them through the API. Each gets its own meeting and patient link.'
          }
          action={
            filtered ? (
              <Group gap="sm">
                <Button
                  variant="default"
                  leftSection={<IconFilterOff size={16} aria-hidden />}
                  onClick={() => setFilters(upcoming)}
                >
                  Clear filters
                </Button>
                {bookButton}
              </Group>
            ) : (
              bookButton
            )
          }
        />
      ) : (
        <section aria-label="Appointments">
          <AppointmentsTable
            appointments={rows}
            caption={`Times are in your time zone, ${zone}.`}
            providerName={providers.nameOf}
            detailPath={scope.detailPath}
            stale={appointments.isPlaceholderData}
            footer={
              <LoadMoreFooter
                shown={rows.length}
                noun={['appointment', 'appointments'] as const}
                pages={appointments}
              />
            }
          />
          {appointments.isError && (
            <Text size="sm" c="red.8" role="alert" mt="sm">
              Couldn’t load more appointments. {appointments.error.message}
            </Text>
          )}
        </section>
      )}
    </Stack>
  );
}

/** The form's values as the API's query; a `to` before `from` is left out and reported. */
function toQuery(
  values: AppointmentFilterValues,
  clinicId: string | null,
): { query: AppointmentQuery; toError?: string } {
  const from = dayToInstant(values.fromDay);
  let to = dayToInstant(values.toDay, true);
  let toError: string | undefined;
  if (from && to && Date.parse(to) <= Date.parse(from)) {
    toError = 'Must be on or after the From date.';
    to = undefined;
  }
  const query: AppointmentQuery = {};
  if (clinicId) query.clinicId = clinicId;
  if (values.providerId) query.providerId = values.providerId;
  if (values.status) query.status = values.status;
  if (from) query.from = from;
  if (to) query.to = to;
  return { query, toError };
}
