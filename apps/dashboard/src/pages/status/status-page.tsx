import { Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { usePageTitle } from '../../app/use-page-title';
import { ReadinessChecks } from './readiness-checks';
import { ReadinessOverview } from './readiness-overview';
import { ReadinessUnavailable, RefreshFailedNotice } from './readiness-unavailable';
import { RefreshButton } from '../../components/refresh-button';
import { StatusSkeleton } from './status-skeleton';
import { useReadiness } from './use-readiness';

export function StatusPage() {
  usePageTitle('System status');
  const { data, error, isPending, isFetching, dataUpdatedAt, refetch } = useReadiness();
  // Progress is shown for checks the viewer asked for, not for the silent 15-second poll.
  const [refreshing, setRefreshing] = useState(false);
  const refresh = async () => {
    setRefreshing(true);
    try {
      await refetch();
    } finally {
      setRefreshing(false);
    }
  };
  const checking = refreshing || (isFetching && !data);

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Title order={1}>System status</Title>
          <Text c="dimmed" mt={6}>
            Health of the televisit API and the services it depends on, checked every 15 seconds.
          </Text>
        </div>
        <RefreshButton
          variant="default"
          miw={136}
          label="Refresh"
          busyLabel="Refreshing…"
          busy={refreshing}
          onClick={() => void refresh()}
        />
      </Group>

      {isPending ? (
        <StatusSkeleton />
      ) : data ? (
        <>
          {error && (
            <RefreshFailedNotice
              error={error}
              checkedAt={new Date(dataUpdatedAt)}
              retrying={checking}
              onRetry={() => void refresh()}
            />
          )}
          <ReadinessOverview readiness={data} checkedAt={new Date(dataUpdatedAt)} />
          <ReadinessChecks checks={data.checks} />
        </>
      ) : (
        <ReadinessUnavailable error={error} retrying={checking} onRetry={() => void refresh()} />
      )}
    </Stack>
  );
}
