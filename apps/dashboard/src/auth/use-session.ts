import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { createContext, useContext } from 'react';
import { isApiError } from '../api/api-error';
import { apiClient } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { send } from '../api/send';
import { endSession, type SessionState, startSession, type User } from './session-state';

const SESSION_STALE_MS = 5 * 60 * 1000;

/**
 * The session behind the dashboard (GET /auth/me): signed in with the user and CSRF token, or signed
 * out with the reason. A 401 is an answer, not an error; only an unreachable API rejects.
 */
export function useSession() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => {
      const before = queryClient.getQueryData<SessionState>(queryKeys.session);
      return fetchSession(signal, before?.status === 'signed_in');
    },
    staleTime: SESSION_STALE_MS,
  });
}

async function fetchSession(signal: AbortSignal, wasSignedIn: boolean): Promise<SessionState> {
  try {
    const { user, csrfToken } = await send(apiClient.GET('/api/v1/auth/me', { signal }), signal);
    return { status: 'signed_in', user, csrfToken };
  } catch (error) {
    if (isApiError(error, 401)) {
      // A session that was there a moment ago and is not any more has expired (or was ended elsewhere).
      const expired = wasSignedIn || error.code === 'session_expired';
      return expired ? { status: 'signed_out', reason: 'expired' } : { status: 'signed_out' };
    }
    throw error;
  }
}

export interface SignedInSession {
  user: User;
  csrfToken: string;
}

export const SessionContext = createContext<SignedInSession | null>(null);

/** The signed-in user; only inside the route guard, which renders nothing else without one. */
export function useCurrentUser(): User {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCurrentUser() outside <RequireSession>');
  return session.user;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesUnauthorized: true },
    mutationFn: (body: Schemas['LoginDto']) => send(apiClient.POST('/api/v1/auth/login', { body })),
    onSuccess: (session) => startSession(queryClient, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { handlesUnauthorized: true },
    mutationFn: () => send(apiClient.POST('/api/v1/auth/logout')),
    onSuccess: () => endSession(queryClient, 'signed_out'),
    // A 401 means the API had already ended the session: signed out all the same. Any other failure
    // leaves the session alive on the server, so the viewer stays signed in and sees the error.
    onError: (error) => {
      if (isApiError(error, 401)) endSession(queryClient, 'signed_out');
    },
  });
}
