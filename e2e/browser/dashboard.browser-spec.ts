import { describeWithService } from '@televisit/testing';
import { type BrowserContext, type Page } from 'playwright-core';
import {
  expectAccessible,
  navLabels,
  newSession,
  type OpenedPage,
  openPage,
  PLATFORM_ADMIN,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// The dashboard's shell and System status page, signed in as the platform admin (every page but
// the login page is behind sign-in). Sign-in itself and the admin pages: identity.browser-spec.ts.

jest.setTimeout(30_000);

describeWithService('chromium', 'dashboard in the browser', () => {
  const ctx = useBuiltApiAndBrowser();
  let session: BrowserContext;

  beforeAll(async () => {
    session = await newSession(ctx.browser, ctx.api, PLATFORM_ADMIN);
  }, 60_000);

  const open = (path: string, prepare?: (page: Page) => Promise<unknown>): Promise<OpenedPage> =>
    openPage(session, ctx.api, path, prepare);

  const overall = (page: Page) => page.getByRole('region', { name: 'Overall status' });

  it('shows the API as ready with its checks, under the strict CSP and without errors', async () => {
    const { page, problems } = await open('/status');
    try {
      await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor({ timeout: WAIT_MS });
      await overall(page).getByText('Ready', { exact: true }).waitFor({ timeout: WAIT_MS });

      const checks = page.getByRole('table', { name: 'Checks' });
      for (const name of ['Database', 'Migrations']) {
        const row = checks.getByRole('row', { name: new RegExp(`^${name}\\b`) });
        await row.waitFor({ timeout: WAIT_MS });
        expect(await row.getByText('Up', { exact: true }).count()).toBe(1);
      }
      expect(await page.title()).toBe('System status · televisit');
      // The zone is named next to the time (Paris is CET or CEST, depending on the date).
      expect(await overall(page).locator('time').innerText()).toMatch(
        /^\d{2}:\d{2}:\d{2} (CET|CEST|GMT\+\d)$/,
      );
      // The platform admin's navigation; the others' are in identity.browser-spec.ts.
      expect(await navLabels(page)).toEqual([
        'Clinics',
        'Audit log',
        'System status',
        expect.stringContaining('API reference'),
      ]);

      expect(await page.getByRole('link', { name: /API reference/ }).getAttribute('href')).toBe('/api/docs');

      const refreshed = page.waitForResponse((res) => res.url().endsWith('/readyz'));
      await page.getByRole('button', { name: 'Refresh' }).click();
      expect((await refreshed).status()).toBe(200);

      await screenshot(page, 'status.png');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is served with a CSP that forbids inline scripts, which the dashboard does not need', async () => {
    const response = await fetch(`${ctx.api.baseUrl}/status`, { headers: { accept: 'text/html' } });
    const directives = (response.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim());
    expect(directives).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    // Every script tag loads a file: an inline one would be blocked, and the app would not start.
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\bsrc="\/assets\//.test(tag))).toBe(true);
  });

  it('can be used from the keyboard: a skip link first, then the page controls', async () => {
    const { page } = await open('/status');
    try {
      await overall(page).waitFor({ timeout: WAIT_MS });
      // The spec runs without DOM types, so focus is read through selectors rather than `document`.
      const focused = async () => ((await page.locator(':focus').textContent()) ?? '').trim();
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(await page.locator('main:focus').count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Refresh');
    } finally {
      await page.close();
    }
  });

  it('has no serious or critical axe violations on the status and not-found pages', async () => {
    for (const path of ['/status', '/no/such/page']) {
      const { page } = await open(path);
      try {
        await page.getByRole('heading', { level: 1 }).waitFor({ timeout: WAIT_MS });
        if (path === '/status') await overall(page).waitFor({ timeout: WAIT_MS });
        await expectAccessible(page, path);
      } finally {
        await page.close();
      }
    }
  });

  it('serves a deep link through the SPA fallback and shows a not-found page with a way back', async () => {
    const { page, problems } = await open('/no/such/page');
    try {
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ timeout: WAIT_MS });
      expect(await page.getByText('/no/such/page', { exact: true }).count()).toBe(1);
      expect(await page.title()).toBe('Page not found · televisit');

      await page.getByRole('link', { name: 'Back to System status' }).click();
      await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor({ timeout: WAIT_MS });
      expect(new URL(page.url()).pathname).toBe('/status');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows "Not ready" and the failing check when /readyz answers 503', async () => {
    const notReady = {
      status: 'not_ready',
      version: '0.1.0',
      uptimeSeconds: 75,
      checks: [
        { name: 'database', status: 'down', detail: 'SQLITE_CANTOPEN: unable to open database file' },
        { name: 'migrations', status: 'up', detail: '3 applied, none pending' },
      ],
    };
    const { page, problems } = await open('/status', (p) =>
      p.route('**/readyz', (route) =>
        route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(notReady) }),
      ),
    );
    try {
      await overall(page).getByText('Not ready', { exact: true }).waitFor({ timeout: WAIT_MS });
      expect(await overall(page).innerText()).toContain('1 check is failing');
      expect(await overall(page).innerText()).toContain('1 min');

      const database = page.getByRole('row', { name: /^Database\b/ });
      expect(await database.getByText('Down', { exact: true }).count()).toBe(1);
      expect(await database.innerText()).toContain('SQLITE_CANTOPEN: unable to open database file');
      expect(await page.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      // The browser logs the 503 itself; nothing else may complain.
      expect(unexpectedProblems(problems, 503)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows an error with Retry when the API cannot be reached, and recovers on Retry', async () => {
    let reachable = false;
    const { page } = await open('/status', (p) =>
      p.route('**/readyz', (route) => (reachable ? route.continue() : route.abort('connectionrefused'))),
    );
    try {
      const alert = page.getByRole('alert');
      await alert.getByText('Can’t reach the televisit API').waitFor({ timeout: WAIT_MS });
      expect(await overall(page).count()).toBe(0);

      reachable = true;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await overall(page).getByText('Ready', { exact: true }).waitFor({ timeout: WAIT_MS });
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
