import type { AppointmentStatus } from '../appointments/appointment.entity';

/** The patient may join from 15 minutes before the start… */
export const OPENS_BEFORE_MS = 15 * 60_000;
/** …until 30 minutes after the scheduled end (visits overrun). */
export const CLOSES_AFTER_END_MS = 30 * 60_000;

export interface VisitWindow {
  opensAt: Date;
  closesAt: Date;
}

/** When a patient link leads into the meeting: [opensAt, closesAt], both ends included. */
export function visitWindow(startTime: Date, durationMinutes: number): VisitWindow {
  return {
    opensAt: new Date(opensAtMs(startTime)),
    closesAt: new Date(closesAtMs(startTime, durationMinutes)),
  };
}

// The window's ends in epoch milliseconds: `joinDecision` runs on every opening of a patient link.
const opensAtMs = (startTime: Date) => startTime.getTime() - OPENS_BEFORE_MS;
const closesAtMs = (startTime: Date, durationMinutes: number) =>
  startTime.getTime() + durationMinutes * 60_000 + CLOSES_AFTER_END_MS;

export const JOIN_DECISIONS = ['redirect', 'too_early', 'gone', 'not_ready'] as const;
export type JoinDecision = (typeof JOIN_DECISIONS)[number];

export interface JoinableAppointment {
  status: AppointmentStatus;
  startTime: Date;
  durationMinutes: number;
}

/**
 * What opening the patient link does now: a visit that was cancelled, completed or is over is gone;
 * before its window it is too early; inside it, the patient goes to the meeting if there is one yet.
 */
export function joinDecision(
  appointment: JoinableAppointment,
  meetingReady: boolean,
  now: Date,
): JoinDecision {
  if (appointment.status !== 'scheduled') return 'gone';
  const t = now.getTime();
  if (t > closesAtMs(appointment.startTime, appointment.durationMinutes)) return 'gone';
  if (t < opensAtMs(appointment.startTime)) return 'too_early';
  return meetingReady ? 'redirect' : 'not_ready';
}
