/** The pages a patient sees instead of the meeting. Small, static, accessible; no scripts, no PHI in titles. */

export type JoinPageKind = 'not_found' | 'too_early' | 'not_ready' | 'gone';

export interface JoinPage {
  status: number;
  headers: Record<string, string>;
  html: string;
}

/** Headers every answer of /join/:token carries: the URL is a bearer secret, so nothing keeps or passes it on. */
export const JOIN_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** Seconds after which a patient should reopen the link while the meeting is being prepared. */
export const NOT_READY_RETRY_SECONDS = 30;

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** "Tuesday 1 December 2026, 09:45 (America/Bogota)": the visit's own zone, named. */
export function formatVisitTime(at: Date, timezone: string): string {
  let zone = timezone;
  let format: Intl.DateTimeFormat;
  try {
    format = dateTimeFormat(zone);
  } catch {
    // A zone the runtime no longer knows: say the time in UTC rather than fail the patient's page.
    zone = 'UTC';
    format = dateTimeFormat(zone);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part['weekday']} ${part['day']} ${part['month']} ${part['year']}, ${part['hour']}:${part['minute']} (${zone})`;
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#f6f7f9}
main{max-width:34rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.5rem;margin:0 0 1rem}
@media (prefers-color-scheme:dark){body{background:#16181d;color:#eceef2}main{background:#22252c}}`;

function page(title: string, heading: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(heading)}</h1>`,
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function notFoundPage(): JoinPage {
  return {
    status: 404,
    headers: { ...JOIN_HEADERS },
    html: page('Video visit link not found', 'This visit link is not valid', [
      'Check that you opened the whole link from your clinic’s message. If it still does not work, contact your clinic.',
    ]),
  };
}

export function tooEarlyPage(opensAt: Date, timezone: string): JoinPage {
  const when = formatVisitTime(opensAt, timezone);
  return {
    status: 200,
    headers: { ...JOIN_HEADERS },
    html: page('Video visit not open yet', 'Your video visit is not open yet', [
      `You can join from <time datetime="${opensAt.toISOString()}">${escapeHtml(when)}</time>, 15 minutes before the visit starts.`,
      'Open this same link again then; it stays valid until the visit is over.',
    ]),
  };
}

export function notReadyPage(): JoinPage {
  return {
    status: 503,
    headers: { ...JOIN_HEADERS, 'Retry-After': String(NOT_READY_RETRY_SECONDS) },
    html: page('Video visit being prepared', 'Your clinician’s meeting is being prepared', [
      `Please open this link again in ${NOT_READY_RETRY_SECONDS} seconds. If it still does not open, contact your clinic.`,
    ]),
  };
}

export function gonePage(): JoinPage {
  return {
    status: 410,
    headers: { ...JOIN_HEADERS },
    html: page('Video visit link no longer active', 'This visit link is no longer active', [
      'The visit has ended or was cancelled. If you need another appointment, contact your clinic.',
    ]),
  };
}
