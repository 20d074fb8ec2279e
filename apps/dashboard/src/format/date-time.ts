interface FormatOptions {
  locale?: string;
  /** Defaults to the viewer's zone; tests pin one. */
  timeZone?: string;
}

/** The viewer's IANA zone, e.g. "Europe/Paris". */
export function viewerTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * A date and time in the viewer's zone, with the zone named: "23 Nov 2026, 20:57 CET". Times without
 * a zone are ambiguous for clinics that span zones.
 */
export function formatDateTime(
  value: string | Date,
  options: FormatOptions & { seconds?: boolean } = {},
): string {
  const format = new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: options.seconds ? '2-digit' : undefined,
    timeZoneName: 'short',
    timeZone: options.timeZone,
  });
  return withTwoDigitHour(format, toDate(value));
}

/** A day without a time, for "created" columns: "23 Nov 2026". */
export function formatDate(value: string | Date, options: FormatOptions = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: options.timeZone,
  }).format(toDate(value));
}

/** A time of day with seconds and the zone named, beside a separate date: "21:12:34 CET". */
export function formatTime(value: string | Date, options: FormatOptions = {}): string {
  return withTwoDigitHour(timeOfDay(options, true), toDate(value));
}

/**
 * Two times of one day, as `formatTime` writes them, the zone named once: "21:12:34 – 21:13:02 CET";
 * one time when both fall in the same second (`sameSecond`).
 */
export function formatTimeRange(
  from: string | Date,
  until: string | Date,
  options: FormatOptions = {},
): string {
  const last = formatTime(until, options);
  if (sameSecond(from, until)) return last;
  return `${withTwoDigitHour(timeOfDay(options, false), toDate(from))} – ${last}`;
}

/** Whether two instants fall in the same second, and so read the same to the second in any zone. */
export function sameSecond(a: string | Date, b: string | Date): boolean {
  return Math.floor(toDate(a).getTime() / 1000) === Math.floor(toDate(b).getTime() / 1000);
}

function timeOfDay(options: FormatOptions, zone: boolean): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(options.locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: zone ? 'short' : undefined,
    timeZone: options.timeZone,
  });
}

/**
 * Chromium's ICU writes the first hour after midnight as "0:10" in 24-hour locales even when two digits
 * are asked for; pad it, as every other hour has two. 12-hour formats (with AM/PM) are left alone.
 */
export function twoDigitHour(parts: Intl.DateTimeFormatPart[]): Intl.DateTimeFormatPart[] {
  if (parts.some((p) => p.type === 'dayPeriod')) return parts;
  return parts.map((p) => (p.type === 'hour' && /^\d$/.test(p.value) ? { ...p, value: `0${p.value}` } : p));
}

export function withTwoDigitHour(format: Intl.DateTimeFormat, at: Date): string {
  const parts = format.formatToParts(at);
  const padded = twoDigitHour(parts);
  return padded.some((p, i) => p !== parts[i]) ? padded.map((p) => p.value).join('') : format.format(at);
}

/** The zone by name and abbreviation, for captions: "Europe/Paris (CET)". */
export function describeTimeZone(at: Date, options: FormatOptions = {}): string {
  const timeZone = options.timeZone ?? viewerTimeZone();
  const short = zoneName(at, 'short', { ...options, timeZone });
  return short && short !== timeZone ? `${timeZone} (${short})` : timeZone;
}

/** The zone's offset at `at`, for a time zone picker: "GMT+01:00", "GMT". */
export function zoneOffset(timeZone: string, at: Date, locale = 'en-US'): string {
  return zoneName(at, 'longOffset', { locale, timeZone }) ?? timeZone;
}

function zoneName(
  at: Date,
  style: Intl.DateTimeFormatOptions['timeZoneName'],
  options: FormatOptions,
): string | undefined {
  return new Intl.DateTimeFormat(options.locale, { timeZoneName: style, timeZone: options.timeZone })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
}

/**
 * A calendar day picked by the viewer ("2026-11-23") as the instant that day starts in their zone,
 * in RFC 3339; `endOfDay` gives the start of the next day (the API's `to` is exclusive).
 */
export function dayToInstant(day: string, endOfDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, year, month, date] = match.map(Number) as [number, number, number, number];
  const start = new Date(year, month - 1, date + (endOfDay ? 1 : 0));
  return Number.isNaN(start.getTime()) ? undefined : start.toISOString();
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}
