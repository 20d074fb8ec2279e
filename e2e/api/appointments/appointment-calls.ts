import { waitFor } from '@televisit/testing';
import { call, type Caller } from '../identity/identity-fixture';

export interface Appointment {
  id: string;
  status: string;
  startTime: string;
  durationMinutes: number;
  patientJoinUrl: string;
  meeting: { status: string; vendorMeetingId: string | null; lastError: string | null };
}

/**
 * Reading, booking and waiting on appointments through the API at `baseUrl()` (a function: specs start
 * their API in `beforeAll`, after these helpers are made).
 */
export function appointmentCalls(baseUrl: () => string) {
  const get = async (caller: Caller, id: string) =>
    (await call(baseUrl(), 'GET', `/api/v1/appointments/${id}`, { caller })).json as Appointment;
  /** Polls the appointment until `until` holds; `what` names the wait in a timeout's message. */
  const settled = (
    caller: Caller,
    id: string,
    what: string,
    until: (a: Appointment) => boolean,
    timeoutMs?: number,
  ) => waitFor(() => get(caller, id), until, { what: `appointment ${id}: ${what}`, timeoutMs });
  /** Books through the API and answers with the appointment it created. */
  const book = async (caller: Caller, body: Record<string, unknown>) =>
    (await call(baseUrl(), 'POST', '/api/v1/appointments', { caller, body })).json as Appointment;
  const whenReady = (caller: Caller, id: string) =>
    settled(caller, id, 'its meeting to be ready', (x) => x.meeting.status === 'ready');
  const whenFailed = (caller: Caller, id: string) =>
    settled(caller, id, 'its meeting to fail', (x) => x.meeting.status === 'failed');
  return { get, settled, book, whenReady, whenFailed };
}
