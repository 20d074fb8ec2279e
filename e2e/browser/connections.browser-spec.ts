import type { Schemas } from '@televisit/api-client';
import { describeWithService, type RunningApi, WORKSPACE_ROOT } from '@televisit/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  API_ENV,
  type Credentials,
  demoLogins,
  expectAccessible,
  navLabels,
  newSession,
  openPage,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// A provider connects Zoom and Google from the Connections page, through the sandbox's consent pages
// (fake Zoom and Google mounted under /sandbox on the API's own origin), and disconnects them again.
// The tests run in order in one signed-in browser, as a provider would.

jest.setTimeout(30_000);

const ZOOM_EMAIL = 'ada.zoom@demo-clinic.test';
const GOOGLE_EMAIL = 'ada.google@demo-clinic.test';
const CALENDAR_SCOPE = /calendar\.events\)/;

describeWithService('chromium', 'connecting Zoom and Google in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser({ ...API_ENV, SANDBOX: 'true' });
  /**
   * The API on `localhost`: the vendor sends the browser back to PUBLIC_URL, which defaults to
   * http://localhost:PORT, and the session cookie must be the one the browser signed in with.
   */
  let site: RunningApi;
  let base: string;
  let provider: Credentials & { name: string };
  let session: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    base = ctx.api.baseUrl.replace('//127.0.0.1:', '//localhost:');
    site = { ...ctx.api, baseUrl: base };
    const first = demoLogins(ctx.api).providers[0];
    if (!first) throw new Error('the demo clinic has no provider');
    provider = first;
    session = await newSession(ctx.browser, site);
  }, 60_000);

  const heading = (name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor({ timeout: WAIT_MS });
  const card = (name: 'Zoom' | 'Google Meet'): Locator => page.getByRole('region', { name, exact: true });
  const cardStatus = async (name: 'Zoom' | 'Google Meet', status: string) =>
    card(name).getByText(status, { exact: true }).waitFor({ timeout: WAIT_MS });
  /** Back on /connections from the vendor, with the callback's query string already removed. */
  const backOnConnections = () =>
    page.waitForURL((url) => url.pathname === '/connections' && url.search === '', { timeout: WAIT_MS });

  /** The page is shown `list` as the API's answer to its connections request (a state hard to set up). */
  /** One vendor as the API lists it: not connected, unless `over` says otherwise. */
  const listed = (vendor: string, over: Partial<Schemas['Connection']> = {}): Schemas['Connection'] => ({
    vendor,
    available: true,
    status: 'not_connected',
    accountEmail: null,
    scopes: [],
    connectedAt: null,
    lastError: null,
    ...over,
  });
  const answerConnections = (p: Page, list: Schemas['Connection'][]) =>
    p.route('**/api/v1/users/*/connections', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) })
        : route.continue(),
    );

  async function consentAtZoom(email: string): Promise<void> {
    await page.waitForURL((url) => url.pathname === '/sandbox/zoom/oauth/authorize', { timeout: WAIT_MS });
    expect(new URL(page.url()).origin).toBe(base);
    await page.getByLabel('Zoom account email').fill(email);
    await page.getByRole('button', { name: 'Allow' }).click();
  }

  async function consentAtGoogle(email: string, untick?: RegExp): Promise<void> {
    await page.waitForURL((url) => url.pathname === '/sandbox/google/o/oauth2/v2/auth', { timeout: WAIT_MS });
    // The sign-in scope "See your primary Google Account email address" is labelled alike.
    await page.getByRole('textbox', { name: 'Google account email' }).fill(email);
    if (untick) await page.getByRole('checkbox', { name: untick }).uncheck();
    await page.getByRole('button', { name: 'Allow' }).click();
  }

  it('is offered to a provider in the navigation, after signing in, with both services not connected', async () => {
    ({ page, problems } = await openPage(session, site, '/connections'));
    // A step that cannot happen fails within the test's time, not at Playwright's 30 s default.
    page.setDefaultTimeout(WAIT_MS);
    await heading('Sign in');
    await page.getByLabel('Email').fill(provider.email);
    await page.getByLabel(/^Password/).fill(provider.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await heading('Connections');
    expect(new URL(page.url()).pathname).toBe('/connections');
    expect(await page.title()).toBe('Connections · televisit');
    expect(await navLabels(page)).toEqual([
      'Appointments',
      'My profile',
      'Connections',
      'System status',
      expect.stringContaining('API reference'),
    ]);
    await cardStatus('Zoom', 'Not connected');
    await cardStatus('Google Meet', 'Not connected');
    expect(await card('Zoom').getByRole('heading', { level: 2 }).innerText()).toBe('Zoom');
    expect(
      await card('Zoom')
        .getByRole('button', { name: /Disconnect/ })
        .count(),
    ).toBe(0);
    await expectAccessible(page, 'connections, nothing connected');
  });

  it('connects Zoom through Zoom’s consent page and says so on return', async () => {
    await card('Zoom').getByRole('button', { name: 'Connect Zoom' }).click();
    await consentAtZoom(ZOOM_EMAIL);

    await backOnConnections();
    const notice = page.getByTestId('connect-result');
    await notice.getByText('Zoom is connected').waitFor({ timeout: WAIT_MS });
    expect(await notice.getAttribute('role')).toBe('status');
    await cardStatus('Zoom', 'Connected');
    const zoom = card('Zoom');
    await zoom.getByText(ZOOM_EMAIL, { exact: true }).waitFor({ timeout: WAIT_MS });
    // Connected since, in the viewer's zone (the session runs in Paris) with the zone named.
    expect(await zoom.locator('time').innerText()).toMatch(/\d{2}:\d{2} (CET|CEST)$/);
    expect(await zoom.getByRole('list').innerText()).toMatch(/Create and manage meetings/);
    expect(await zoom.getByRole('button', { name: 'Disconnect Zoom' }).isEnabled()).toBe(true);
    await cardStatus('Google Meet', 'Not connected');
    await expectAccessible(page, 'connections, Zoom connected');
  });

  it('tests the Zoom connection against Zoom on request', async () => {
    await card('Zoom').getByRole('button', { name: 'Test Zoom' }).click();
    await page.getByText('Zoom accepted the connection just now.').waitFor({ timeout: WAIT_MS });
    await cardStatus('Zoom', 'Connected');
  });

  it('connects Google through Google’s consent page, all permissions allowed', async () => {
    await card('Google Meet').getByRole('button', { name: 'Connect Google Meet' }).click();
    await consentAtGoogle(GOOGLE_EMAIL);

    await backOnConnections();
    await page
      .getByTestId('connect-result')
      .getByText('Google Meet is connected')
      .waitFor({ timeout: WAIT_MS });
    await cardStatus('Google Meet', 'Connected');
    const google = card('Google Meet');
    await google.getByText(GOOGLE_EMAIL, { exact: true }).waitFor({ timeout: WAIT_MS });
    expect(await google.getByRole('list').innerText()).toMatch(/Calendar events/);
    await cardStatus('Zoom', 'Connected');
    await expectAccessible(page, 'connections, both connected');

    // The screenshot for the docs, without the notice over the cards.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('connect-result').waitFor({ state: 'hidden', timeout: WAIT_MS });
    const images = join(WORKSPACE_ROOT, 'docs/images');
    mkdirSync(images, { recursive: true });
    await page.screenshot({ path: join(images, 'connections.png'), animations: 'disabled' });
  });

  it('disconnects Zoom, then Google, after a confirmation that says what happens', async () => {
    for (const [name, company] of [
      ['Zoom', 'Zoom'],
      ['Google Meet', 'Google'],
    ] as const) {
      await card(name)
        .getByRole('button', { name: `Disconnect ${name}` })
        .click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${name}?` });
      await dialog.waitFor({ timeout: WAIT_MS });
      const text = await dialog.innerText();
      expect(text).toContain(`revoke its access at ${company} and erase the tokens`);
      expect(text).toContain('until you connect again');
      await expectAccessible(page, `disconnect ${name} dialog`);
      await dialog.getByRole('button', { name: `Disconnect ${name}` }).click();
      await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });
      await cardStatus(name, 'Not connected');
      await page.getByRole('status').getByText(`${name} was disconnected.`).waitFor({ timeout: WAIT_MS });
      expect(
        await card(name)
          .getByText(/@demo-clinic\.test/)
          .count(),
      ).toBe(0);
    }
    await expectAccessible(page, 'connections, both disconnected');
  });

  it('refuses a Google grant without calendar events and says to leave it ticked', async () => {
    await card('Google Meet').getByRole('button', { name: 'Connect Google Meet' }).click();
    await consentAtGoogle(GOOGLE_EMAIL, CALENDAR_SCOPE);

    await backOnConnections();
    const notice = page.getByTestId('connect-result');
    await notice.getByText('Google Meet needs access to your calendar events').waitFor({ timeout: WAIT_MS });
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.innerText()).toContain('leave “calendar events” ticked');
    await cardStatus('Google Meet', 'Not connected');
    await expectAccessible(page, 'connections, missing scope');
    await screenshot(page, 'connections-missing-scope.png');
  });

  it('says nothing was connected when the provider declines at Zoom', async () => {
    await card('Zoom').getByRole('button', { name: 'Connect Zoom' }).click();
    await page.waitForURL((url) => url.pathname === '/sandbox/zoom/oauth/authorize', { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Decline' }).click();

    await backOnConnections();
    const notice = page.getByTestId('connect-result');
    await notice.getByText('Zoom wasn’t connected').waitFor({ timeout: WAIT_MS });
    expect(await notice.innerText()).toContain('You declined on Zoom’s consent page');
    await cardStatus('Zoom', 'Not connected');
    // The outcome was in the URL only on arrival: a reload shows the page without it.
    await page.reload();
    await heading('Connections');
    await cardStatus('Zoom', 'Not connected');
    expect(await page.getByTestId('connect-result').count()).toBe(0);
    expect(unexpectedProblems(problems, 401)).toEqual([]); // the session check before sign-in
  });

  it('warns loudly when a vendor stopped accepting the connection, and reconnects from the banner', async () => {
    // The API sets needs_reauth when a refresh is refused; the page is shown such an answer.
    const { page: warned, problems: warnings } = await openPage(session, site, '/connections', (p) =>
      answerConnections(p, [
        listed('zoom', { status: 'needs_reauth', accountEmail: ZOOM_EMAIL, lastError: 'invalid_grant' }),
        listed('google'),
      ]),
    );
    page = warned;
    page.setDefaultTimeout(WAIT_MS);
    await heading('Connections');
    const banner = page.getByRole('alert').filter({ hasText: 'no longer accepts televisit’s access' });
    await banner.waitFor({ timeout: WAIT_MS });
    expect(await banner.innerText()).toContain('won’t get Zoom meetings until you reconnect');
    await cardStatus('Zoom', 'Needs reconnecting');
    expect(await card('Zoom').innerText()).toContain('Zoom stopped accepting televisit’s access');
    await expectAccessible(page, 'connections, Zoom needs reconnecting');
    await screenshot(page, 'connections-needs-reauth.png');

    await banner.getByRole('button', { name: 'Reconnect Zoom' }).click();
    await page.waitForURL((url) => url.pathname === '/sandbox/zoom/oauth/authorize', { timeout: WAIT_MS });
    expect(unexpectedProblems(warnings)).toEqual([]);
    await page.close();
  });

  it('shows a connection to a vendor the server no longer offers, with only a way to erase it', async () => {
    // The API lists such a vendor while a stored connection remains (its OAuth client was removed).
    const { page: leftover, problems: seen } = await openPage(session, site, '/connections', (p) =>
      answerConnections(p, [
        listed('zoom'),
        listed('google', {
          available: false,
          status: 'connected',
          accountEmail: 'dr.left@gmail.test',
          scopes: ['https://www.googleapis.com/auth/calendar.events'],
          connectedAt: '2026-11-02T09:30:00Z',
        }),
      ]),
    );
    page = leftover;
    page.setDefaultTimeout(WAIT_MS);
    await heading('Connections');
    await cardStatus('Google Meet', 'Connected');
    const google = card('Google Meet');
    const notice = google.getByText('Google Meet is no longer set up on this server');
    await notice.waitFor({ timeout: WAIT_MS });
    expect(await google.innerText()).toContain('disconnect to erase them');
    expect(await google.getByRole('button', { name: /^(Connect|Test|Reconnect)/ }).count()).toBe(0);
    // Zoom, still offered, can be connected as usual.
    expect(await card('Zoom').getByRole('button', { name: 'Connect Zoom' }).count()).toBe(1);
    await expectAccessible(page, 'connections, a vendor no longer offered');
    await screenshot(page, 'connections-vendor-removed.png');

    await google.getByRole('button', { name: 'Disconnect Google Meet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Google Meet?' });
    await dialog.waitFor({ timeout: WAIT_MS });
    expect(await dialog.innerText()).toContain(
      'erase the tokens it holds, and revoke them where it still can',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(unexpectedProblems(seen)).toEqual([]);
    await page.close();
  });

  it('offers no reconnecting for a broken connection to a vendor the server no longer offers', async () => {
    const { page: broken, problems: seen } = await openPage(session, site, '/connections', (p) =>
      answerConnections(p, [
        listed('zoom'),
        listed('google', { available: false, status: 'needs_reauth', lastError: 'invalid_grant' }),
      ]),
    );
    page = broken;
    page.setDefaultTimeout(WAIT_MS);
    await heading('Connections');
    await card('Google Meet').getByText('Google Meet is no longer set up on this server').waitFor();
    expect(await page.getByRole('button', { name: /Reconnect/ }).count()).toBe(0);
    expect(await page.getByText('no longer accepts televisit’s access').count()).toBe(0);
    expect(await card('Google Meet').getByRole('button', { name: 'Disconnect Google Meet' }).count()).toBe(1);
    expect(unexpectedProblems(seen)).toEqual([]);
    await page.close();
  });
});
