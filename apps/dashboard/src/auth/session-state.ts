import { type QueryClient } from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { PUBLIC_QUERY_ROOTS, queryKeys } from '../api/query-keys';

export type User = Schemas['User'];
export type Role = User['role'];

/** Why the dashboard shows the sign-in page, as the login page explains it. */
export type SignedOutReason = 'expired' | 'signed_out' | 'password_changed';

/**
 * What the query cache holds under `queryKeys.session`: the signed-in user with the session's CSRF
 * token (kept only in memory, never in localStorage), or why there is none.
 */
export type SessionState =
  { status: 'signed_in'; user: User; csrfToken: string } | { status: 'signed_out'; reason?: SignedOutReason };

/** The CSRF token of the current session, for the API client to send on state-changing requests. */
export function csrfTokenIn(queryClient: QueryClient): string | undefined {
  const session = queryClient.getQueryData<SessionState>(queryKeys.session);
  return session?.status === 'signed_in' ? session.csrfToken : undefined;
}

export function startSession(queryClient: QueryClient, session: { user: User; csrfToken: string }): void {
  queryClient.setQueryData<SessionState>(queryKeys.session, { status: 'signed_in', ...session });
}

/** Keeps the signed-in user's own record fresh after they change it (e.g. their name). */
export function updateSessionUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData<SessionState>(queryKeys.session, (session) =>
    session?.status === 'signed_in' && session.user.id === user.id ? { ...session, user } : session,
  );
}

/**
 * Forgets the session: the route guard sends the viewer to the login page, which explains `reason`.
 * Cached data of the old session is dropped there (see {@link dropPrivateQueries}).
 */
export function endSession(queryClient: QueryClient, reason: SignedOutReason): void {
  const current = queryClient.getQueryData<SessionState>(queryKeys.session);
  // The first reason wins: a late 401 after a sign-out must not turn "signed out" into "expired".
  if (current?.status === 'signed_out' && current.reason) return;
  void queryClient.cancelQueries({ predicate: (query) => !isPublic(query.queryKey) });
  const signedOut: SessionState = { status: 'signed_out', reason };
  queryClient.setQueryData<SessionState>(queryKeys.session, signedOut);
}

/** Removes every cached answer that belonged to a session: users, keys, audit events. */
export function dropPrivateQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !isPublic(query.queryKey) });
  queryClient.getMutationCache().clear();
}

function isPublic(queryKey: readonly unknown[]): boolean {
  return PUBLIC_QUERY_ROOTS.includes(String(queryKey[0]));
}
