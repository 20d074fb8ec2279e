import { Button, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconListDetails } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { type AuditQuery } from '../../api/query-keys';
import { usePageTitle } from '../../app/use-page-title';
import { useClinicScope } from '../../auth/use-clinic-scope';
import { useCurrentUser } from '../../auth/use-session';
import { EmptyCard } from '../../components/empty-card';
import { LoadMoreFooter } from '../../components/load-more-footer';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { RefreshButton } from '../../components/refresh-button';
import { TableSkeleton } from '../../components/table-skeleton';
import { dayToInstant, describeTimeZone } from '../../format/date-time';
import { ClinicContext } from '../clinics/clinic-context';
import { useClinic, useClinics } from '../clinics/use-clinics';
import { AuditFilters, type AuditFilterValues, NO_FILTERS } from './audit-filters';
import { AuditTable } from './audit-table';
import { useAuditEvents } from './use-audit-events';
import { useDirectory } from './use-directory';

const COLUMNS = ['Time', 'Actor', 'Action', 'Target', 'Outcome', 'Address'];

export function AuditPage() {
  usePageTitle('Audit log');
  const me = useCurrentUser();
  const scope = useClinicScope();
  const allClinics = me.role === 'platform_admin' && !scope.clinicId;
  const clinics = useClinics({ enabled: allClinics });
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  // Typing an id should not ask the API once per keystroke.
  const [actorId] = useDebouncedValue(filters.actorId.trim(), 400);
  const { query, toError } = useMemo(
    () => toQuery({ ...filters, actorId }, scope.clinicId),
    [filters, actorId, scope.clinicId],
  );
  const clinicId = scope.clinicId ?? (filters.clinicId || null);
  const clinic = useClinic(clinicId);
  const directory = useDirectory(clinicId);
  const events = useAuditEvents(query);
  const [zone] = useState(() => describeTimeZone(new Date()));

  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.data) ?? [], [events.data]);
  const filtered = Object.values(filters).some(Boolean);
  const where = allClinics && !filters.clinicId ? 'every clinic' : (clinic.data?.name ?? 'this clinic');

  return (
    <Stack gap="lg">
      <PageHeader
        above={
          scope.fromClinicList && scope.clinicId ? <ClinicContext clinicId={scope.clinicId} /> : undefined
        }
        title="Audit log"
        description={`Every sign-in, change and refused request in ${where}, newest first. Entries can’t be edited or deleted.`}
        actions={
          <RefreshButton
            variant="default"
            label="Refresh"
            busyLabel="Refreshing…"
            busy={events.isRefetching && !events.isFetchingNextPage}
            onClick={() => void events.refetch()}
          />
        }
      />
      <AuditFilters
        values={filters}
        onChange={setFilters}
        clinics={allClinics ? (clinics.data ?? []) : undefined}
        toError={toError}
      />

      {events.isPending ? (
        <TableSkeleton columns={COLUMNS} rows={6} label="Loading the audit log…" />
      ) : events.isError && rows.length === 0 ? (
        <QueryError
          error={events.error}
          what="the audit log"
          retrying={events.isFetching}
          onRetry={() => void events.refetch()}
        />
      ) : rows.length === 0 ? (
        <EmptyCard
          icon={<IconListDetails size={30} stroke={1.75} aria-hidden />}
          title={filtered ? 'No events match these filters' : 'No events yet'}
          description={
            filtered
              ? 'Try a wider date range or another action.'
              : 'Sign-ins, changes to users and keys, and refused requests appear here as they happen.'
          }
          action={
            filtered ? (
              <Button
                variant="default"
                leftSection={<IconFilterOff size={16} aria-hidden />}
                onClick={() => setFilters(NO_FILTERS)}
              >
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <section aria-label="Audit events">
          <AuditTable
            events={rows}
            directory={directory}
            caption={`Times are in your time zone, ${zone}.`}
            stale={events.isPlaceholderData}
            showClinic={allClinics && !filters.clinicId}
            onFilterActor={(id) => setFilters((current) => ({ ...current, actorId: id }))}
            footer={<LoadMoreFooter shown={rows.length} noun={['event', 'events'] as const} pages={events} />}
          />
          {events.isError && (
            <Text size="sm" c="red.8" role="alert" mt="sm">
              Couldn’t load more events. {events.error.message}
            </Text>
          )}
        </section>
      )}
    </Stack>
  );
}

/** The form's values as the API's query; a `to` before `from` is left out and reported. */
function toQuery(
  values: AuditFilterValues,
  scopeClinicId: string | null,
): { query: AuditQuery; toError?: string } {
  const from = dayToInstant(values.fromDay);
  let to = dayToInstant(values.toDay, true);
  let toError: string | undefined;
  if (from && to && Date.parse(to) <= Date.parse(from)) {
    toError = 'Must be on or after the From date.';
    to = undefined;
  }
  const query: AuditQuery = {};
  if (values.action) query.action = values.action;
  if (from) query.from = from;
  if (to) query.to = to;
  if (values.actorId) query.actorId = values.actorId;
  // The clinic in view (a clinic admin's own, or the one a platform admin opened or picked).
  const clinicId = scopeClinicId ?? values.clinicId;
  if (clinicId) query.clinicId = clinicId;
  return { query, toError };
}
