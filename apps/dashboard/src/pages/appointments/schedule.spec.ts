import { describe, expect, it } from '@jest/globals';
import { readSchedule, type ScheduleValues } from './schedule';

const values = (overrides: Partial<ScheduleValues> = {}): ScheduleValues => ({
  date: '2026-11-23',
  time: '14:30',
  durationMinutes: 30,
  timezone: 'Europe/Berlin',
  ...overrides,
});

describe('readSchedule', () => {
  it('gives the API’s start time, duration and zone', () => {
    expect(readSchedule(values())).toEqual({
      ok: true,
      startTime: '2026-11-23T14:30:00+01:00',
      durationMinutes: 30,
      timezone: 'Europe/Berlin',
    });
  });

  it('says which field is missing', () => {
    expect(readSchedule(values({ date: '', time: '', durationMinutes: '', timezone: null }))).toEqual({
      ok: false,
      errors: {
        date: 'Choose the day of the visit.',
        time: 'Choose when the visit starts.',
        durationMinutes: 'Between 5 and 480 minutes.',
        timezone: 'Choose the time zone the visit is booked in.',
      },
    });
  });

  it.each([4, 481, 12.5])('refuses a duration of %p minutes', (durationMinutes) => {
    expect(readSchedule(values({ durationMinutes }))).toEqual({
      ok: false,
      errors: { durationMinutes: 'Between 5 and 480 minutes.' },
    });
  });

  it('refuses a time the clocks skip, on the time field', () => {
    expect(readSchedule(values({ date: '2026-03-29', time: '02:30' }))).toEqual({
      ok: false,
      errors: { time: expect.stringContaining('the clocks go forward') },
    });
  });
});
