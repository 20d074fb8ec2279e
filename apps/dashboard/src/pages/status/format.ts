import { withTwoDigitHour } from '../../format/date-time';

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": coarse enough to read at a glance. */
export function formatUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/**
 * A clock time in the viewer's zone (or the one given), with the zone named: "19:42:10 UTC",
 * "7:42:10 PM EST". Times without a zone are ambiguous for clinics that span zones.
 */
export function formatClockTime(date: Date, options: { locale?: string; timeZone?: string } = {}): string {
  const format = new Intl.DateTimeFormat(options.locale, {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
    timeZone: options.timeZone,
  });
  // 24-hour clocks read 00:25:12, not 0:25:12; 12-hour ones keep 7:42:10 PM.
  return withTwoDigitHour(format, date);
}

/** The full date and time with the zone's long name, for a tooltip or assistive text. */
export function formatFullDateTime(date: Date, options: { locale?: string; timeZone?: string } = {}): string {
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'full',
    timeStyle: 'long',
    timeZone: options.timeZone,
  }).format(date);
}

/** "database" → "Database", "vendor_tokens" → "Vendor tokens". */
export function formatCheckName(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
