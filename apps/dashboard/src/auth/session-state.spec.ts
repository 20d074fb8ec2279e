import { describe, expect, it } from '@jest/globals';
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { queryClient as appQueryClient } from '../app/query-client';
import {
  csrfTokenIn,
  dropPrivateQueries,
  endSession,
  type SessionState,
  startSession,
} from './session-state';

const user = {
  id: 'u1',
  clinicId: 'c1',
  email: 'admin@demo-clinic.test',
  name: 'Alex Admin',
  role: 'clinic_admin' as const,
  zoomUser: null,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const unauthorized = () =>
  new ApiError({
    kind: 'problem',
    problem: { type: 'x', title: 'Unauthorized', status: 401, code: 'unauthenticated' },
  });

describe('the session in the query cache', () => {
  it('holds the CSRF token only while signed in', () => {
    const client = new QueryClient();
    expect(csrfTokenIn(client)).toBeUndefined();
    startSession(client, { user, csrfToken: 'token-1' });
    expect(csrfTokenIn(client)).toBe('token-1');
    endSession(client, 'signed_out');
    expect(csrfTokenIn(client)).toBeUndefined();
  });

  it('keeps the first reason: a late 401 after sign-out does not say "expired"', () => {
    const client = new QueryClient();
    startSession(client, { user, csrfToken: 't' });
    endSession(client, 'signed_out');
    endSession(client, 'expired');
    expect(client.getQueryData<SessionState>(queryKeys.session)).toEqual({
      status: 'signed_out',
      reason: 'signed_out',
    });
  });

  it('drops every private answer at sign-out and keeps the public ones', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.users('c1'), [user]);
    client.setQueryData(queryKeys.auditEventList({}), { pages: [] });
    client.setQueryData(queryKeys.readiness, { status: 'ready' });
    endSession(client, 'signed_out');
    dropPrivateQueries(client);
    expect(client.getQueryData(queryKeys.users('c1'))).toBeUndefined();
    expect(client.getQueryData(queryKeys.auditEventList({}))).toBeUndefined();
    expect(client.getQueryData(queryKeys.readiness)).toEqual({ status: 'ready' });
    expect(client.getQueryData(queryKeys.session)).toEqual({ status: 'signed_out', reason: 'signed_out' });
  });
});

describe('the dashboard query client', () => {
  it('ends the session when any query answers 401', async () => {
    startSession(appQueryClient, { user, csrfToken: 't' });
    await expect(
      appQueryClient.fetchQuery({
        queryKey: queryKeys.users('c1'),
        queryFn: () => Promise.reject(unauthorized()),
        retry: false,
      }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(appQueryClient.getQueryData(queryKeys.session)).toEqual({
      status: 'signed_out',
      reason: 'expired',
    });
  });

  it('leaves a mutation that handles its own 401 (sign-in) alone', async () => {
    startSession(appQueryClient, { user, csrfToken: 't' });
    const mutation = appQueryClient.getMutationCache().build(appQueryClient, {
      meta: { handlesUnauthorized: true },
      mutationFn: () => Promise.reject(unauthorized()),
    });
    await expect(mutation.execute(undefined)).rejects.toBeInstanceOf(ApiError);
    expect(csrfTokenIn(appQueryClient)).toBe('t');
  });

  it('does not retry an answer of 4xx', async () => {
    let calls = 0;
    const failing = () => {
      calls++;
      return Promise.reject(
        new ApiError({
          kind: 'problem',
          problem: { type: 'x', title: 'Not Found', status: 404, code: 'not_found' },
        }),
      );
    };
    await expect(
      appQueryClient.fetchQuery({ queryKey: ['probe-404'], queryFn: failing }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(calls).toBe(1);
  });
});
