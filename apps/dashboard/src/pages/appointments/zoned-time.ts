/** A wall-clock date and time as a form holds them: "2026-11-23" and "14:30". */
export interface WallTime {
  date: string;
  time: string;
}

export type ZonedStart = { ok: true; startTime: string } | { ok: false; reason: 'invalid' | 'skipped' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant a date and time on the clock of `timeZone` stand for, in RFC 3339 with that zone's
 * offset: ("2026-11-23", "14:30", "Europe/Berlin") → "2026-11-23T14:30:00+01:00". A time the clocks
 * skip (the hour lost when summer time starts) is refused rather than moved: the visit would start
 * at a time nobody typed. In the repeated hour after summer time ends, the first occurrence wins.
 */
export function zonedStartTime({ date, time }: WallTime, timeZone: string): ZonedStart {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t || !isTimeZone(timeZone)) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    return { ok: false, reason: 'invalid' };
  }
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asUtc).getUTCDate() !== day) return { ok: false, reason: 'invalid' };
  // A change of offset happens at most once around a given day: the offsets a day before and a day
  // after give every instant that can show this wall time (two in a repeated hour, none in a skipped one).
  const DAY = 86_400_000;
  const candidates = [asUtc - DAY, asUtc + DAY]
    .map((probe) => asUtc - offsetMinutes(timeZone, probe) * 60_000)
    .filter((instant) => sameWallTime(instant, timeZone, date, time));
  const instant = candidates.length > 0 ? Math.min(...candidates) : undefined;
  if (instant === undefined) return { ok: false, reason: 'skipped' };
  return { ok: true, startTime: `${date}T${time}:00${formatOffset(offsetMinutes(timeZone, instant))}` };
}

/** What the clock in `timeZone` shows at `instant`, as the date and time fields of a form. */
export function wallTimeIn(instant: string | Date, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Whether the browser knows `timeZone` as an IANA zone. */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC in `timeZone` at `instant` (Berlin in winter: 60). */
function offsetMinutes(timeZone: string, instant: number): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function sameWallTime(instant: number, timeZone: string, date: string, time: string): boolean {
  const wall = wallTimeIn(new Date(instant), timeZone);
  return wall.date === date && wall.time === time;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
