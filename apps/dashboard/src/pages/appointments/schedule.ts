import { type WallTime, zonedStartTime } from './zoned-time';

export const DURATION_MIN = 5;
export const DURATION_MAX = 480;
export const DEFAULT_DURATION = 30;

/** When a visit takes place, as the booking and reschedule forms hold it. */
export interface ScheduleValues extends WallTime {
  durationMinutes: number | '';
  timezone: string | null;
}

export type ScheduleField = 'date' | 'time' | 'durationMinutes' | 'timezone';

/**
 * The schedule as the API takes it (start in RFC 3339 with the zone's offset), or a message per field
 * that is missing or impossible.
 */
export function readSchedule(values: ScheduleValues):
  | { ok: true; startTime: string; durationMinutes: number; timezone: string }
  | {
      ok: false;
      errors: Partial<Record<ScheduleField, string>>;
    } {
  const errors: Partial<Record<ScheduleField, string>> = {};
  if (!values.date) errors.date = 'Choose the day of the visit.';
  if (!values.time) errors.time = 'Choose when the visit starts.';
  const duration = values.durationMinutes;
  if (duration === '' || !Number.isInteger(duration) || duration < DURATION_MIN || duration > DURATION_MAX) {
    errors.durationMinutes = `Between ${DURATION_MIN} and ${DURATION_MAX} minutes.`;
  }
  if (!values.timezone) errors.timezone = 'Choose the time zone the visit is booked in.';
  if (Object.keys(errors).length > 0 || !values.timezone || duration === '') return { ok: false, errors };
  const start = zonedStartTime(values, values.timezone);
  if (!start.ok) {
    return {
      ok: false,
      errors:
        start.reason === 'skipped'
          ? { time: 'This time doesn’t exist on that day: the clocks go forward. Choose another time.' }
          : { date: 'Enter a valid date and time.' },
    };
  }
  return { ok: true, startTime: start.startTime, durationMinutes: duration, timezone: values.timezone };
}
