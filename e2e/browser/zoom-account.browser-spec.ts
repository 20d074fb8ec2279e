import { describeWithService, WORKSPACE_ROOT } from '@televisit/testing';
import { randomBytes } from 'node:crypto';
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

// A clinic admin stores the clinic's Zoom Server-to-Server app on the Zoom account page, maps a
// provider to a user of that Zoom account, and removes the app again. The fake Zoom of the sandbox
// (mounted under /sandbox on the API's own origin) is given the app and its users over HTTP first.
// The tests run in order in one signed-in browser, as a clinic admin would.

jest.setTimeout(30_000);

const random = (bytes: number) => randomBytes(bytes).toString('hex');
/** Made up for this run: the fake accepts whatever it was registered with. */
const APP = {
  accountId: `acct-${random(6)}`,
  clientId: `client-${random(6)}`,
  clientSecret: `sandbox-secret-${random(12)}`,
};
const WRONG_SECRET = `sandbox-wrong-${random(12)}`;
const ZOOM_USERS = [
  { email: `room-a-${random(3)}@zoom.example`, firstName: 'Room', lastName: 'Alpha' },
  { email: `room-b-${random(3)}@zoom.example`, firstName: 'Room', lastName: 'Beta' },
] as const;

describeWithService('chromium', 'the clinic’s Zoom account in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser({ ...API_ENV, SANDBOX: 'true' });
  let admin: Credentials & { name: string };
  let provider: Credentials & { name: string };
  let clinicId: string;
  let session: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ admin } = demoLogins(ctx.api));
    const first = demoLogins(ctx.api).providers[0];
    if (!first) throw new Error('the demo clinic has no provider');
    provider = first;

    const control = `${ctx.api.baseUrl}/sandbox/_control/zoom`;
    const registered = await post(`${control}/apps`, APP);
    expect(registered.status).toBe(201);
    for (const user of ZOOM_USERS) {
      const added = await post(`${control}/accounts/${encodeURIComponent(APP.accountId)}/users`, user);
      expect(added.status).toBe(201);
    }
    session = await newSession(ctx.browser, ctx.api);
  }, 60_000);

  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const heading = (name: string | RegExp, level = 1) =>
    page.getByRole('heading', { level, name }).waitFor({ timeout: WAIT_MS });
  const notice = (text: string | RegExp) =>
    page.getByRole('status').getByText(text).waitFor({ timeout: WAIT_MS });
  const form = (): Locator => page.getByRole('form', { name: 'Zoom app credentials' });
  const app = (): Locator => page.getByRole('region', { name: 'Server-to-Server app' });
  const providerSelect = () => page.getByRole('combobox', { name: `Zoom user of ${provider.name}` });
  const zoomUserRow = (email: string) =>
    page.getByRole('region', { name: 'Zoom users' }).getByRole('row').filter({ hasText: email });
  /** The stored account as the API has it, read with the browser's session: 404 when none. */
  const storedStatus = async () =>
    (await session.request.get(`${ctx.api.baseUrl}/api/v1/clinics/${clinicId}/zoom-account`)).status();

  async function fillCredentials(secret: string): Promise<void> {
    await form()
      .getByLabel(/^Account ID/)
      .fill(APP.accountId);
    await form()
      .getByLabel(/^Client ID/)
      .fill(APP.clientId);
    await form()
      .getByLabel(/^Client secret/)
      .fill(secret);
  }

  it('is offered to a clinic admin and explains Server-to-Server OAuth when none is stored', async () => {
    ({ page, problems } = await openPage(session, ctx.api, '/zoom-account'));
    page.setDefaultTimeout(WAIT_MS);
    await heading('Sign in');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await heading('Zoom account');
    expect(new URL(page.url()).pathname).toBe('/zoom-account');
    expect(await page.title()).toBe('Zoom account · televisit');
    expect(await navLabels(page)).toEqual([
      'Appointments',
      'Users',
      'API keys',
      'Zoom account',
      'Settings',
      'Audit log',
      'System status',
      expect.stringContaining('API reference'),
    ]);
    const me = await session.request.get(`${ctx.api.baseUrl}/api/v1/auth/me`);
    clinicId = ((await me.json()) as { user: { clinicId: string } }).user.clinicId;

    await heading('Connect the clinic’s Zoom account', 2);
    const guide = await page.getByRole('region', { name: 'Connect the clinic’s Zoom account' }).innerText();
    expect(guide).toContain('Server-to-Server OAuth');
    expect(guide).toContain('Develop → Build app → Server-to-Server OAuth');
    expect(guide).toMatch(/meeting:read:admin, meeting:write:admin and user:read:admin/);
    expect(guide).toMatch(/Account ID[\s\S]*Client ID[\s\S]*Client secret/);
    const secret = form().getByLabel(/^Client secret/);
    expect(await secret.getAttribute('type')).toBe('password');
    expect(await secret.getAttribute('autocomplete')).toBe('off');
    expect(await app().count()).toBe(0);
    await expectAccessible(page, 'zoom account, none stored');
  });

  it('shows Zoom’s refusal of a wrong secret and stores nothing', async () => {
    await fillCredentials(WRONG_SECRET);
    await form().getByRole('button', { name: 'Check and save' }).click();

    const refusal = form().getByRole('alert');
    await refusal.getByText('Zoom didn’t accept the credentials').waitFor({ timeout: WAIT_MS });
    // The API's own explanation (the problem's detail), and that nothing was kept.
    expect(await refusal.innerText()).toMatch(
      /Zoom refused these credentials: check[\s\S]*Nothing was stored\./,
    );
    expect(await form().getByRole('button', { name: 'Check and save' }).isEnabled()).toBe(true);
    expect(await app().count()).toBe(0);
    expect(await storedStatus()).toBe(404);
    await expectAccessible(page, 'zoom account, credentials refused');
    await screenshot(page, 'zoom-account-refused.png');
  });

  it('stores the right credentials and shows them without the secret', async () => {
    await form()
      .getByLabel(/^Client secret/)
      .fill(APP.clientSecret);
    const save = form().getByRole('button', { name: 'Check and save' });
    await save.click();

    await notice('Zoom accepted the credentials. They are stored.');
    await app().waitFor({ timeout: WAIT_MS });
    const stored = await app().innerText();
    expect(stored).toContain(APP.accountId);
    expect(stored).toContain(APP.clientId);
    expect(stored).toContain('Stored encrypted, never shown');
    // Last updated, in the viewer's zone (the session runs in Paris) with the zone named.
    expect(await app().locator('time').innerText()).toMatch(/\d{2}:\d{2} (CET|CEST)$/);
    expect(await storedStatus()).toBe(200);

    // The secret is nowhere: not on the page, not in its markup, not in the address or storage.
    expect(await form().count()).toBe(0);
    expect(await page.content()).not.toContain(APP.clientSecret);
    expect(page.url()).not.toContain(APP.clientSecret);
    const storage = String(await page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })'));
    expect(storage).not.toContain(APP.clientSecret);
    await expectAccessible(page, 'zoom account, stored');
  });

  it('lists the Zoom account’s users and maps a provider to one, which a reload keeps', async () => {
    const [alpha, beta] = ZOOM_USERS;
    await zoomUserRow(alpha.email).waitFor({ timeout: WAIT_MS });
    await zoomUserRow(beta.email).waitFor({ timeout: WAIT_MS });
    expect(await zoomUserRow(alpha.email).innerText()).toContain('No one');
    expect(await providerSelect().inputValue()).toBe('');

    await providerSelect().selectOption({ label: `Room Alpha (${alpha.email})` });
    await notice(`${provider.name}’s visits will be hosted by Room Alpha (${alpha.email}).`);
    await zoomUserRow(alpha.email).getByText(provider.name).waitFor({ timeout: WAIT_MS });
    expect(await providerSelect().isEnabled()).toBe(true);

    await page.reload();
    await heading('Zoom account');
    await zoomUserRow(alpha.email).getByText(provider.name).waitFor({ timeout: WAIT_MS });
    expect(await providerSelect().inputValue()).toBe(alpha.email);
    expect(await zoomUserRow(beta.email).innerText()).toContain('No one');
    await expectAccessible(page, 'zoom account, provider mapped');

    // The screenshot for the docs: the stored account, its users and the mapping, the sidebar to the bottom.
    await screenshot(page, 'zoom-account.png', join(WORKSPACE_ROOT, 'docs/images'));
  });

  it('removes the account after a confirmation that says what stops working', async () => {
    await app().getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the Zoom account?' });
    await dialog.waitFor({ timeout: WAIT_MS });
    const text = await dialog.innerText();
    expect(text).toContain('revoke its token at Zoom');
    expect(text).toContain('zoom_not_connected');
    expect(text).toMatch(/until credentials are entered again/i);
    await expectAccessible(page, 'remove zoom account dialog');
    await dialog.getByRole('button', { name: 'Remove Zoom account' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WAIT_MS });

    await notice('The Zoom account was removed. Its credentials are forgotten.');
    await heading('Connect the clinic’s Zoom account', 2);
    expect(await app().count()).toBe(0);
    expect(
      await form()
        .getByLabel(/^Client secret/)
        .inputValue(),
    ).toBe('');
    expect(await storedStatus()).toBe(404);
    // The 401 is the session check before sign-in; the 404s say no account is stored; the 422 is the refusal.
    expect(unexpectedProblems(problems, 401, 404, 422)).toEqual([]);
  });

  it('warns when Zoom later refused the stored credentials, and asks for all three again', async () => {
    // The API records credentials_rejected when Zoom refuses a stored app; the page is shown such an answer.
    const stored = {
      clinicId,
      accountId: APP.accountId,
      clientId: APP.clientId,
      lastError: 'credentials_rejected',
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
    };
    const { page: warned, problems: warnings } = await openPage(session, ctx.api, '/zoom-account', (p) =>
      p.route('**/api/v1/clinics/*/zoom-account**', (route) => {
        if (route.request().method() !== 'GET') return route.continue();
        const users = new URL(route.request().url()).pathname.endsWith('/users');
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify(users ? { data: [] } : stored),
        });
      }),
    );
    page = warned;
    page.setDefaultTimeout(WAIT_MS);
    await heading('Zoom account');
    const banner = page.getByRole('alert').filter({ hasText: 'Enter the Zoom credentials again' });
    await banner.waitFor({ timeout: WAIT_MS });
    expect(await banner.innerText()).toContain('Zoom refused the stored credentials');
    await app().getByText('Credentials refused', { exact: true }).waitFor({ timeout: WAIT_MS });
    await expectAccessible(page, 'zoom account, credentials refused later');

    await banner.getByRole('button', { name: 'Replace credentials' }).click();
    await form().waitFor({ timeout: WAIT_MS });
    expect(
      await form()
        .getByLabel(/^Account ID/)
        .inputValue(),
    ).toBe(APP.accountId);
    expect(
      await form()
        .getByLabel(/^Client ID/)
        .inputValue(),
    ).toBe(APP.clientId);
    expect(
      await form()
        .getByLabel(/^Client secret/)
        .inputValue(),
    ).toBe('');
    await expectAccessible(page, 'zoom account, replacing credentials');
    await form().getByRole('button', { name: 'Cancel' }).click();
    await banner.waitFor({ timeout: WAIT_MS });
    expect(unexpectedProblems(warnings)).toEqual([]);
    await page.close();
  });

  it('is not offered to a provider', async () => {
    const context = await newSession(ctx.browser, ctx.api, provider);
    try {
      const { page: opened } = await openPage(context, ctx.api, '/zoom-account');
      await opened
        .getByRole('heading', { level: 1, name: 'This page isn’t available to you' })
        .waitFor({ timeout: WAIT_MS });
      const labels = await navLabels(opened);
      expect(labels).toContain('Connections');
      expect(labels).not.toContain('Zoom account');
    } finally {
      await context.close();
    }
  });
});
