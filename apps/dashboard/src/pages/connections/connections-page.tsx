import { SimpleGrid, Stack } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/use-page-title';
import { useCurrentUser } from '../../auth/use-session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyCard } from '../../components/empty-card';
import { useNotify } from '../../components/notices';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { ConnectResultNotice } from './connect-result-notice';
import { type ConnectResult, describeConnectResult, withoutConnectResult } from './connect-result';
import { ConnectionCard } from './connection-card';
import { ConnectionsSkeleton } from './connections-skeleton';
import { ReauthBanner } from './reauth-banner';
import {
  useAuthorizeConnection,
  useConnections,
  useDisconnectConnection,
  useTestConnection,
} from './use-connections';
import { accountName, vendorName } from './vendor-labels';

export function ConnectionsPage() {
  usePageTitle('Connections');
  const { id: userId } = useCurrentUser();
  const notify = useNotify();
  const connections = useConnections(userId);
  const authorize = useAuthorizeConnection(userId);
  const disconnect = useDisconnectConnection(userId);
  const test = useTestConnection(userId);
  const result = useConnectResult();
  const [disconnecting, setDisconnecting] = useState<string | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  // A vendor this server can no longer connect: its tokens are erased, revoked only where that still works.
  const disconnectingAvailable = connections.data?.find((c) => c.vendor === disconnecting)?.available ?? true;

  // Back from the vendor's page through the browser's cache: the page is as it was left, "connecting…".
  const resetAuthorize = authorize.reset;
  useEffect(() => {
    const reset = (event: PageTransitionEvent) => event.persisted && resetAuthorize();
    window.addEventListener('pageshow', reset);
    return () => window.removeEventListener('pageshow', reset);
  }, [resetAuthorize]);

  // Until the browser has left for the vendor, the button keeps saying so.
  const connectingVendor = authorize.isPending || authorize.isSuccess ? (authorize.variables ?? null) : null;
  const busy = connectingVendor !== null || disconnect.isPending || test.isPending;
  const connect = (vendor: string) => {
    result.dismiss();
    authorize.mutate(vendor);
  };
  const check = (vendor: string) =>
    test.mutate(vendor, {
      onSuccess: () => notify(`${vendorName(vendor)} accepted the connection just now.`),
    });
  const askToDisconnect = (vendor: string) => {
    disconnect.reset();
    setDisconnecting(vendor);
    setConfirmOpen(true);
  };
  const confirmDisconnect = () => {
    if (!disconnecting) return;
    disconnect.mutate(disconnecting, {
      onSuccess: () => {
        setConfirmOpen(false);
        result.dismiss();
        notify(`${vendorName(disconnecting)} was disconnected.`);
      },
    });
  };
  const name = disconnecting ? vendorName(disconnecting) : '';

  return (
    <Stack gap="xl">
      <PageHeader
        title="Connections"
        description="Connect the video services you host visits with. televisit uses them to create the meeting of each visit, in your own account."
      />

      {result.current && <ConnectResultNotice result={result.current} onDismiss={result.dismiss} />}

      {connections.isPending ? (
        <ConnectionsSkeleton />
      ) : connections.isError ? (
        <QueryError
          error={connections.error}
          what="your connections"
          retrying={connections.isFetching}
          onRetry={() => void connections.refetch()}
        />
      ) : connections.data.length === 0 ? (
        <EmptyCard
          icon={<IconPlugConnectedX size={30} stroke={1.75} aria-hidden />}
          title="No video services are set up"
          description="This televisit server has neither Zoom nor Google configured yet. Ask your clinic admin to have the operator set them up."
        />
      ) : (
        <>
          {connections.data
            // Only where reconnecting can work: a vendor no longer offered can only be disconnected.
            .filter((connection) => connection.status === 'needs_reauth' && connection.available)
            .map((connection) => (
              <ReauthBanner
                key={connection.vendor}
                connection={connection}
                busy={connectingVendor === connection.vendor}
                disabled={busy}
                onReconnect={() => connect(connection.vendor)}
              />
            ))}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {connections.data.map((connection) => (
              <ConnectionCard
                key={connection.vendor}
                connection={connection}
                connecting={connectingVendor === connection.vendor}
                disabled={busy}
                connectError={
                  authorize.isError && authorize.variables === connection.vendor ? authorize.error : null
                }
                testing={test.isPending && test.variables === connection.vendor}
                testError={test.isError && test.variables === connection.vendor ? test.error : null}
                onConnect={() => connect(connection.vendor)}
                onDisconnect={() => askToDisconnect(connection.vendor)}
                onTest={() => check(connection.vendor)}
              />
            ))}
          </SimpleGrid>
        </>
      )}

      <ConfirmDialog
        opened={confirmOpen}
        title={`Disconnect ${name}?`}
        confirmLabel={`Disconnect ${name}`}
        busy={disconnect.isPending}
        error={disconnect.error}
        onConfirm={confirmDisconnect}
        onClose={() => setConfirmOpen(false)}
      >
        {disconnectingAvailable
          ? `televisit will revoke its access at ${disconnecting ? accountName(disconnecting) : ''} and erase the tokens it holds.`
          : 'televisit will erase the tokens it holds, and revoke them where it still can.'}{' '}
        Visits from now on won’t get {name} meetings until you connect again.
      </ConfirmDialog>
    </Stack>
  );
}

/**
 * The outcome the vendor round trip left in the URL (`?vendor=…&result=…` or `&error=…`), read once on
 * arrival and then removed from the address bar (replaced, not pushed: Back must not show it again).
 */
function useConnectResult(): { current: ConnectResult | null; dismiss: () => void } {
  const [params, setParams] = useSearchParams();
  const [current, setCurrent] = useState(() => describeConnectResult(params));
  const arrived = params.has('result') || params.has('error');
  useEffect(() => {
    if (arrived) setParams((now) => withoutConnectResult(now), { replace: true });
  }, [arrived, setParams]);
  return { current, dismiss: () => setCurrent(null) };
}
