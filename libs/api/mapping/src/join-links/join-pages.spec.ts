import {
  formatVisitTime,
  gonePage,
  type JoinPage,
  notFoundPage,
  notReadyPage,
  tooEarlyPage,
} from './join-pages';

const OPENS = new Date('2026-12-01T14:45:00.000Z');

describe('formatVisitTime', () => {
  it.each([
    ['America/Bogota', 'Tuesday 1 December 2026, 09:45 (America/Bogota)'],
    ['Europe/Berlin', 'Tuesday 1 December 2026, 15:45 (Europe/Berlin)'],
    ['Asia/Tokyo', 'Tuesday 1 December 2026, 23:45 (Asia/Tokyo)'],
    ['Pacific/Auckland', 'Wednesday 2 December 2026, 03:45 (Pacific/Auckland)'],
    ['UTC', 'Tuesday 1 December 2026, 14:45 (UTC)'],
  ])('in %s', (zone, text) => {
    expect(formatVisitTime(OPENS, zone)).toBe(text);
  });

  it('uses the 24-hour clock at midnight', () => {
    expect(formatVisitTime(new Date('2026-12-01T05:00:00.000Z'), 'America/Bogota')).toBe(
      'Tuesday 1 December 2026, 00:00 (America/Bogota)',
    );
  });

  it('falls back to UTC, named, for a zone the runtime does not know', () => {
    expect(formatVisitTime(OPENS, 'Mars/Olympus')).toBe('Tuesday 1 December 2026, 14:45 (UTC)');
  });
});

describe('join pages', () => {
  const pages: Array<[string, JoinPage, number]> = [
    ['not found', notFoundPage(), 404],
    ['too early', tooEarlyPage(OPENS, 'America/Bogota'), 200],
    ['not ready', notReadyPage(), 503],
    ['gone', gonePage(), 410],
  ];

  describe.each(pages)('%s', (_name, page, status) => {
    it(`answers ${status}, uncached, unindexed and without a referrer`, () => {
      expect(page.status).toBe(status);
      expect(page.headers).toMatchObject({
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Robots-Tag': 'noindex, nofollow',
      });
    });

    it('is a small accessible document with no script, no refresh and no external resource', () => {
      expect(page.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(page.html).toMatch(/<title>Video visit [^<]+<\/title>/);
      expect(page.html.match(/<main>/g)).toHaveLength(1);
      expect(page.html.match(/<h1>[^<]+<\/h1>/g)).toHaveLength(1);
      expect(page.html).not.toMatch(/<script|http-equiv|javascript:|\bon\w+=|src=|href=/i);
      expect(page.html.length).toBeLessThan(4096);
    });
  });

  it('too early: names when the visit opens in its own zone, and that the link can be reopened', () => {
    const { html } = tooEarlyPage(OPENS, 'America/Bogota');
    expect(html).toContain(
      '<time datetime="2026-12-01T14:45:00.000Z">Tuesday 1 December 2026, 09:45 (America/Bogota)</time>',
    );
    expect(html).toMatch(/Open this same link again/);
    // The time is in the body for the patient, never in the title (which history and tabs show).
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toBe('Video visit not open yet');
  });

  it('not ready: asks to retry after 30 seconds', () => {
    const page = notReadyPage();
    expect(page.headers['Retry-After']).toBe('30');
    expect(page.html).toContain('Your clinician’s meeting is being prepared');
  });
});
