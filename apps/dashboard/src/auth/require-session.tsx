import { Center, Loader, Stack, Text } from '@mantine/core';
import { type ReactNode, useMemo } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '../app/paths';
import { QueryError } from '../components/query-error';
import { SessionContext, useSession } from './use-session';

/** Where the login page sends the viewer back to; kept in history state, never in the URL. */
export interface LoginLocationState {
  from?: { pathname: string; search: string };
}

/**
 * Renders its children only for a signed-in viewer; anyone else goes to the login page, which
 * returns them to the page they asked for.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data, error, isFetching, refetch } = useSession();
  const location = useLocation();
  const signedIn = data?.status === 'signed_in' ? data : null;
  const value = useMemo(
    () => (signedIn ? { user: signedIn.user, csrfToken: signedIn.csrfToken } : null),
    [signedIn],
  );

  if (value) return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
  if (data?.status === 'signed_out') {
    // After "Sign out" the next person starts from their own home page, not the last one's.
    const state: LoginLocationState =
      data.reason === 'signed_out' ? {} : { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to={paths.login} replace state={state} />;
  }
  if (error) {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={520} w="100%">
          <QueryError
            error={error}
            what="your session"
            retrying={isFetching}
            onRetry={() => void refetch()}
          />
        </Stack>
      </Center>
    );
  }
  return <SessionLoading />;
}

export function SessionLoading() {
  return (
    <Center mih="100vh" aria-busy="true">
      <Stack align="center" gap="sm">
        <Loader aria-hidden />
        <Text c="dimmed" role="status">
          Loading televisit…
        </Text>
      </Stack>
    </Center>
  );
}
