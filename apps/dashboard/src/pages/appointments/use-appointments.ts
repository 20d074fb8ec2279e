import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type Schemas } from '@televisit/api-client';
import { apiClient } from '../../api/client';
import { type AppointmentQuery, queryKeys } from '../../api/query-keys';
import { send } from '../../api/send';
import { type Appointment, pollInterval } from './meeting-wording';

export type NewAppointment = Schemas['CreateAppointmentDto'];
export type AppointmentChanges = Schemas['RescheduleAppointmentDto'];

const APPOINTMENT_PAGE_SIZE = 25;

/**
 * Appointments by start time, a page at a time (keyset: each page's `nextCursor` asks for the next).
 * Every loaded page is asked again while a visible row's meeting is settling or waits for a person
 * (`pollInterval`: every 2 s while it is being prepared, every 15 s otherwise).
 */
export function useAppointments(query: AppointmentQuery, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.appointmentList(query),
    queryFn: ({ pageParam, signal }) =>
      send(
        apiClient.GET('/api/v1/appointments', {
          params: { query: { ...query, limit: APPOINTMENT_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled !== false,
    refetchInterval: (q) => pollInterval(q.state.data?.pages.flatMap((page) => page.data) ?? []),
  });
}

/** One appointment, asked again while its meeting is settling or waits for a person (`pollInterval`). */
export function useAppointment(id: string) {
  return useQuery({
    queryKey: queryKeys.appointment(id),
    queryFn: ({ signal }) =>
      send(apiClient.GET('/api/v1/appointments/{id}', { params: { path: { id } }, signal }), signal),
    refetchInterval: (q) => pollInterval(q.state.data ? [q.state.data] : []),
  });
}

/**
 * Books a visit. The Idempotency-Key is the form's: the same key with the same body is answered with
 * the first booking, so a retry after a lost answer (or a second click) never books twice.
 */
export function useCreateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: NewAppointment; idempotencyKey: string }) =>
      send(
        apiClient.POST('/api/v1/appointments', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body,
        }),
      ),
    onSuccess: (appointment) => afterChange(queryClient, appointment),
  });
}

/** Moves a visit: the same meeting is updated at the vendor and the patient link stays the same. */
export function useRescheduleAppointment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: AppointmentChanges) =>
      send(apiClient.PATCH('/api/v1/appointments/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: (appointment) => afterChange(queryClient, appointment),
  });
}

/** Cancels a visit; the vendor meeting is deleted and the patient link stops working. */
export function useCancelAppointment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send(apiClient.POST('/api/v1/appointments/{id}/cancel', { params: { path: { id } } })),
    onSuccess: (appointment) => afterChange(queryClient, appointment),
  });
}

/**
 * A host (start) link, minted by the vendor when asked: a mutation, not a query, so that it is never
 * cached, prefetched or refetched in the background (a Zoom start link expires in about two hours).
 */
export function useHostLink(id: string) {
  return useMutation({
    gcTime: 0,
    mutationFn: () =>
      send(apiClient.GET('/api/v1/appointments/{id}/host-link', { params: { path: { id } } })),
  });
}

function afterChange(queryClient: QueryClient, appointment: Appointment) {
  queryClient.setQueryData(queryKeys.appointment(appointment.id), appointment);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.appointments }),
    queryClient.invalidateQueries({ queryKey: queryKeys.auditEvents }),
  ]);
}

/**
 * What happened in the vendor meeting (started, joined, left, ended), as the vendor's webhooks told
 * the API. Asked again every 30 s while the visit can still happen: webhooks arrive when they do.
 */
export function useAppointmentTimeline(id: string, options: { live: boolean }) {
  return useQuery({
    queryKey: queryKeys.appointmentTimeline(id),
    queryFn: ({ signal }) =>
      send(apiClient.GET('/api/v1/appointments/{id}/timeline', { params: { path: { id } }, signal }), signal),
    select: (timeline) => timeline.data,
    refetchInterval: options.live ? 30_000 : false,
  });
}
