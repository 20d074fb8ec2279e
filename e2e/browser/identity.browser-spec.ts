import { describeWithService } from '@televisit/testing';
import { type BrowserContext, type Page } from 'playwright-core';
import {
  type Credentials,
  demoLogins,
  expectAccessible,
  navLabels,
  newSession,
  openPage,
  PLATFORM_ADMIN,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// Sign-in, sign-out and the admin pages of issue 3, against the built API seeded with the demo
// clinic. The tests run in order and build on each other, as a clinic admin would: sign in, add a
// provider, create an API key, find both in the audit log, sign out.

jest.setTimeout(30_000);

const KEY_FORMAT = /^tvk_[A-Za-z0-9_-]{43}$/;
const NEW_PROVIDER = { name: 'Dr. Grace Hopper', email: 'grace@demo-clinic.test' };

describeWithService('chromium', 'identity, tenancy and audit in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser();
  let clinicAdmin: Credentials & { name: string };
  let provider: Credentials & { name: string };
  /** The clinic admin's browser, signed in through the form by the first test. */
  let adminSession: BrowserContext;
  let adminPage: Page;

  beforeAll(async () => {
    const logins = demoLogins(ctx.api);
    clinicAdmin = logins.admin;
    const first = logins.providers[0];
    if (!first) throw new Error('the demo clinic has no provider');
    provider = first;
    adminSession = await newSession(ctx.browser, ctx.api);
  }, 60_000);

  const heading = (page: Page, name: string | RegExp) =>
    page.getByRole('heading', { level: 1, name }).waitFor({ timeout: WAIT_MS });
  const path = (page: Page) => new URL(page.url()).pathname;
  const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });
  /** Fills the sign-in form; the password field is found by its label ("Password"). */
  async function signIn(page: Page, as: Credentials): Promise<void> {
    await page.getByLabel('Email').fill(as.email);
    await page.getByLabel(/^Password/).fill(as.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('sends a deep link to the login page, refuses a wrong password without saying why, then returns to the page', async () => {
    const { page, problems } = await openPage(adminSession, ctx.api, '/users');
    adminPage = page;
    await heading(page, 'Sign in');
    // The requested page is remembered in history state, never in the URL.
    expect(page.url()).toBe(`${ctx.api.baseUrl}/login`);
    expect(await page.title()).toBe('Sign in · televisit');
    await expectAccessible(page, 'login');
    await screenshot(page, 'login.png');

    await signIn(page, { email: clinicAdmin.email, password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await alert
      .getByText('The email or password is incorrect.', { exact: false })
      .waitFor({ timeout: WAIT_MS });
    expect(await alert.innerText()).not.toMatch(/exist|unknown|disabled/i);
    // The wrong password is cleared and focus waits in its field for the next try.
    expect(await page.getByLabel(/^Password/).inputValue()).toBe('');
    expect(await page.locator('input[type="password"]:focus').count()).toBe(1);
    await expectAccessible(page, 'login with an error');

    await signIn(page, clinicAdmin);
    await heading(page, 'Users');
    expect(path(page)).toBe('/users');
    expect(await page.title()).toBe('Users · televisit');
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
    await page.getByText('Demo Family Clinic', { exact: true }).first().waitFor({ timeout: WAIT_MS });
    // The 401s are the session check before sign-in and the wrong password.
    expect(unexpectedProblems(problems, 401)).toEqual([]);
  });

  it('says how long to wait when sign-in is throttled', async () => {
    const context = await newSession(ctx.browser, ctx.api);
    try {
      const { page } = await openPage(context, ctx.api, '/login', (p) =>
        p.route('**/api/v1/auth/login', (route) =>
          route.fulfill({
            status: 429,
            headers: { 'Retry-After': '7' },
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'https://televisit.dev/problems/login-throttled',
              title: 'Too Many Requests',
              status: 429,
              code: 'login_throttled',
              detail: 'Too many failed logins. Try again in 7 s.',
            }),
          }),
        ),
      );
      await heading(page, 'Sign in');
      await signIn(page, { email: 'someone@demo-clinic.test', password: 'whatever-it-is' });
      const alert = page.getByRole('alert');
      await alert.getByText('Sign-in paused').waitFor({ timeout: WAIT_MS });
      expect(await alert.innerText()).toContain('paused for 7 seconds');
      const button = page.getByRole('button', { name: /^Try again in \d seconds?$/ });
      expect(await button.isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('lets the clinic admin add a provider, with the API’s field errors on the form', async () => {
    const page = adminPage;
    await page.getByRole('table', { name: 'People' }).waitFor({ timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Add user' }).click();
    const form = dialog(page, 'Add user');
    await form.waitFor({ timeout: WAIT_MS });
    await form.getByRole('textbox', { name: 'Full name' }).fill(NEW_PROVIDER.name);
    // An email that is taken: the API's 409 lands on the email field.
    await form.getByRole('textbox', { name: 'Email' }).fill(provider.email);
    await form.getByRole('button', { name: 'Generate a strong password' }).click();
    expect((await form.getByLabel(/^Initial password/).inputValue()).length).toBeGreaterThanOrEqual(12);
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByText('A user with this email address already exists.').waitFor({ timeout: WAIT_MS });
    expect(await form.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');

    await form.getByRole('textbox', { name: 'Email' }).fill(NEW_PROVIDER.email);
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.waitFor({ state: 'hidden', timeout: WAIT_MS });
    const row = page.getByRole('row', { name: new RegExp(NEW_PROVIDER.name) });
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.innerText()).toMatch(/Provider[\s\S]*Not linked[\s\S]*Active/);
    await page.getByRole('status').getByText(`${NEW_PROVIDER.name} was added.`).waitFor({ timeout: WAIT_MS });

    // Link their Zoom account.
    await row.getByRole('button', { name: `Edit ${NEW_PROVIDER.name}` }).click();
    const edit = dialog(page, 'Edit user');
    await edit.getByRole('textbox', { name: 'Zoom user' }).fill('grace.hopper@zoom.example');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await row.getByText('grace.hopper@zoom.example').waitFor({ timeout: WAIT_MS });

    // Disabling asks first, and the admin cannot disable themselves.
    expect(await page.getByRole('button', { name: `Disable ${clinicAdmin.name}` }).count()).toBe(0);
    await row.getByRole('button', { name: `Disable ${NEW_PROVIDER.name}` }).click();
    const confirm = dialog(page, 'Disable this account?');
    await confirm.getByRole('button', { name: 'Disable account' }).click();
    await confirm.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await row.getByText('Disabled', { exact: true }).waitFor({ timeout: WAIT_MS });
    await row.getByRole('button', { name: `Enable ${NEW_PROVIDER.name}` }).click();
    const enable = dialog(page, 'Enable this account?');
    await enable.getByRole('button', { name: 'Enable account' }).click();
    await enable.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await row.getByText('Active', { exact: true }).waitFor({ timeout: WAIT_MS });

    await expectAccessible(page, 'users');
    await screenshot(page, 'users.png');
  });

  it('creates an API key, shows it once with a copy button, and revokes a key after confirmation', async () => {
    const page = adminPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await heading(page, 'API keys');
    expect(await page.title()).toBe('API keys · televisit');
    await page.getByRole('heading', { name: 'No API keys yet' }).waitFor({ timeout: WAIT_MS });

    const createKey = async (name: string, scopes: string[]): Promise<string> => {
      await page.getByRole('button', { name: 'Create API key' }).click();
      const form = dialog(page, 'Create API key');
      await form.getByRole('textbox', { name: 'Name' }).fill(name);
      for (const scope of scopes) await form.getByRole('checkbox', { name: new RegExp(scope) }).check();
      await form.getByRole('button', { name: 'Create key' }).click();
      const shown = dialog(page, 'Copy your new API key');
      await shown.waitFor({ timeout: WAIT_MS });
      const key = await shown.getByRole('textbox', { name: /API key/ }).inputValue();
      expect(key).toMatch(KEY_FORMAT);
      await shown.getByRole('button', { name: 'Copy key' }).click();
      await shown.getByRole('button', { name: 'Copied' }).waitFor({ timeout: WAIT_MS });
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
      await shown.getByRole('button', { name: 'I’ve stored the key' }).click();
      await shown.waitFor({ state: 'hidden', timeout: WAIT_MS });
      return key;
    };

    const epicKey = await createKey('Epic production', ['Write appointments', 'Host visits']);
    const sandboxKey = await createKey('Athena sandbox', []);
    const keys = page.getByRole('table', { name: 'Keys' });
    const epic = keys.getByRole('row', { name: /Epic production/ });
    await epic.waitFor({ timeout: WAIT_MS });
    expect(await epic.innerText()).toMatch(/Read appointments[\s\S]*Write appointments[\s\S]*Host visits/);
    expect(await epic.innerText()).toContain(`${epicKey.slice(0, 12)}…`);
    expect(await epic.innerText()).toContain('Never');
    // Shown once: neither key is anywhere on the page any more, only its prefix.
    const html = await page.content();
    expect(html).not.toContain(epicKey);
    expect(html).not.toContain(sandboxKey);

    // The key works against the API until it is revoked.
    const bearer = { Authorization: `Bearer ${sandboxKey}` };
    expect((await fetch(`${ctx.api.baseUrl}/api/v1/auth/me`, { headers: bearer })).status).not.toBe(401);
    const sandbox = keys.getByRole('row', { name: /Athena sandbox/ });
    await sandbox.getByRole('button', { name: 'Revoke Athena sandbox' }).click();
    const confirm = dialog(page, 'Revoke this API key?');
    expect(await confirm.innerText()).toContain('can’t be undone');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await sandbox.getByText('Revoked', { exact: true }).waitFor({ timeout: WAIT_MS });
    expect(await sandbox.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    expect((await fetch(`${ctx.api.baseUrl}/api/v1/auth/me`, { headers: bearer })).status).toBe(401);

    await expectAccessible(page, 'api keys');
    await screenshot(page, 'api-keys.png');
  });

  it('shows the sign-ins, the new user and the key events in the audit log, with filters', async () => {
    const page = adminPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await heading(page, 'Audit log');
    const table = page.getByRole('table', { name: /Times are in your time zone, Europe\/Paris/ });
    await table.waitFor({ timeout: WAIT_MS });

    const rows = table.locator('tbody tr');
    const texts = await rows.allInnerTexts();
    const find = (pattern: RegExp) => texts.filter((text) => pattern.test(text));
    expect(find(/Sign-in[\s\S]*auth\.login[\s\S]*Success/).length).toBeGreaterThanOrEqual(1);
    expect(find(/Sign-in[\s\S]*auth\.login[\s\S]*Wrong password[\s\S]*Failed/)).toHaveLength(1);
    expect(find(new RegExp(`user\\.created[\\s\\S]*${NEW_PROVIDER.name}[\\s\\S]*Success`))).toHaveLength(1);
    expect(find(/api_key\.created[\s\S]*Epic production/)).toHaveLength(1);
    expect(find(/api_key\.revoked[\s\S]*Athena sandbox/)).toHaveLength(1);
    // Times in the viewer's zone, with the zone named.
    expect(texts[0]).toMatch(/\d{2}:\d{2}:\d{2} (CET|CEST)/);
    // The newest event is the key revocation, by this admin.
    expect(texts[0]).toMatch(new RegExp(`${clinicAdmin.name} \\(you\\)[\\s\\S]*API key revoked`));

    await page.getByLabel('Action').selectOption('api_key.created');
    await table.locator('tbody tr').first().getByText('api_key.created').waitFor({ timeout: WAIT_MS });
    await page.waitForFunction(
      "[...document.querySelectorAll('tbody tr')].every((tr) => tr.innerText.includes('api_key.created'))",
      undefined,
      { timeout: WAIT_MS },
    );
    expect(await table.locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForFunction(
      `document.querySelectorAll('tbody tr').length === ${texts.length}`,
      undefined,
      {
        timeout: WAIT_MS,
      },
    );

    await expectAccessible(page, 'audit log');
    // The confirmation left over from the API keys page would cover the last rows.
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
    await screenshot(page, 'audit.png');
  });

  it('pages through the audit log with the cursor ("Load more")', async () => {
    // Small pages, so that the demo clinic's handful of events spans several.
    const { page } = await openPage(adminSession, ctx.api, '/audit', (p) =>
      p.route('**/api/v1/audit-events?**', (route) => {
        const url = new URL(route.request().url());
        url.searchParams.set('limit', '4');
        return route.continue({ url: url.toString() });
      }),
    );
    try {
      const rows = page.getByRole('table', { name: /Times are in your time zone/ }).locator('tbody tr');
      await rows.nth(3).waitFor({ timeout: WAIT_MS });
      expect(await rows.count()).toBe(4);
      const firstPage = await rows.allInnerTexts();
      const next = page.waitForRequest((request) => /[?&]cursor=/.test(request.url()));
      await page.getByRole('button', { name: 'Load more' }).click();
      await next;
      await rows.nth(7).waitFor({ timeout: WAIT_MS });
      expect(await rows.count()).toBe(8);
      expect((await rows.allInnerTexts()).slice(0, 4)).toEqual(firstPage);
      // Keyset pagination: the next page carries on where the first ended, newest first throughout.
      const times = await Promise.all(
        (await rows.locator('time').all()).map((time) => time.getAttribute('datetime')),
      );
      const sorted = [...times].sort().reverse();
      expect(times).toEqual(sorted);
      await page.getByText(/^Showing 8 events$/).waitFor({ timeout: WAIT_MS });
    } finally {
      await page.close();
    }
  });

  it('starts a provider on their appointments, shows them only their own pages, and lets them change their name', async () => {
    const context = await newSession(ctx.browser, ctx.api, provider);
    try {
      const { page, problems } = await openPage(context, ctx.api, '/');
      await heading(page, 'Appointments');
      expect(path(page)).toBe('/appointments');
      await page.getByRole('link', { name: 'My profile' }).click();
      await heading(page, 'My profile');
      expect(await navLabels(page)).toEqual([
        'Appointments',
        'My profile',
        'Connections',
        'System status',
        expect.stringContaining('API reference'),
      ]);
      const name = page.getByRole('textbox', { name: 'Full name' });
      await name.fill('Dr. Ada King');
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByRole('status').getByText('Your name was saved.').waitFor({ timeout: WAIT_MS });
      await page.getByRole('button', { name: 'Account menu for Dr. Ada King' }).waitFor({ timeout: WAIT_MS });

      // The new password has to be typed twice.
      await page.getByLabel(/^Current password/).fill('not my password at all');
      await page.getByLabel(/^New password/).fill('a long new passphrase');
      await page.getByLabel(/^Repeat new password/).fill('a long new passphrase!');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('The passwords don’t match.').waitFor({ timeout: WAIT_MS });

      // The API refuses a wrong current password, and the form says so at the field.
      await page.getByLabel(/^Repeat new password/).fill('a long new passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('is not your current password').waitFor({ timeout: WAIT_MS });

      // Pages of other roles are not offered, and not shown when typed in.
      await page.goto(`${ctx.api.baseUrl}/users`);
      await heading(page, 'This page isn’t available to you');
      expect(unexpectedProblems(problems, 400)).toEqual([]); // the refused current password
    } finally {
      await context.close();
    }
  });

  it('lets the platform admin create a clinic with a time zone and open its pages', async () => {
    const context = await newSession(ctx.browser, ctx.api, PLATFORM_ADMIN);
    try {
      const { page } = await openPage(context, ctx.api, '/');
      await heading(page, 'Clinics');
      expect(path(page)).toBe('/clinics');
      await page.getByRole('row', { name: /Demo Family Clinic/ }).waitFor({ timeout: WAIT_MS });

      await page.getByRole('button', { name: 'Create clinic' }).click();
      const form = dialog(page, 'Create clinic');
      await form.getByRole('textbox', { name: 'Clinic name' }).fill('Harbour Health');
      const zone = form.getByRole('combobox', { name: 'Time zone' });
      await zone.fill('Tokyo');
      await page.getByRole('option', { name: /^Asia\/Tokyo \(GMT\+09:00\)$/ }).click();
      expect(await zone.inputValue()).toBe('Asia/Tokyo (GMT+09:00)');
      await form.getByRole('button', { name: 'Create clinic' }).click();
      await form.waitFor({ state: 'hidden', timeout: WAIT_MS });
      const row = page.getByRole('row', { name: /Harbour Health/ });
      await row.getByText('Asia/Tokyo').waitFor({ timeout: WAIT_MS });

      await row.getByRole('link', { name: 'Users of Harbour Health' }).click();
      await heading(page, 'Users');
      expect(path(page)).toMatch(/^\/clinics\/[^/]+\/users$/);
      await page.getByRole('heading', { name: 'No users yet' }).waitFor({ timeout: WAIT_MS });
      const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
      await breadcrumb.getByText('Harbour Health').waitFor({ timeout: WAIT_MS });
      await page
        .getByRole('navigation', { name: 'Clinic sections' })
        .getByRole('link', { name: 'Audit log' })
        .click();
      await heading(page, 'Audit log');
      await page.locator('tbody tr', { hasText: 'clinic.created' }).waitFor({ timeout: WAIT_MS });

      // The clinic's appointments are asked of the API for that clinic, so pages hold its visits only.
      const clinicId = path(page).split('/')[2] as string;
      const listed = page.waitForRequest((request) => {
        const url = new URL(request.url());
        return url.pathname === '/api/v1/appointments' && request.method() === 'GET';
      });
      await page
        .getByRole('navigation', { name: 'Clinic sections' })
        .getByRole('link', { name: 'Appointments' })
        .click();
      await heading(page, 'Appointments');
      expect(new URL((await listed).url()).searchParams.get('clinicId')).toBe(clinicId);
      await page.getByRole('heading', { name: 'No upcoming appointments' }).waitFor({ timeout: WAIT_MS });
    } finally {
      await context.close();
    }
  });

  it('sends the viewer to the login page with a message when the session ends elsewhere', async () => {
    const context = await newSession(ctx.browser, ctx.api, clinicAdmin);
    try {
      const { page, problems } = await openPage(context, ctx.api, '/audit');
      await heading(page, 'Audit log');
      // Sign this session out behind the page's back, as the idle timeout would.
      const me = await context.request.get(`${ctx.api.baseUrl}/api/v1/auth/me`);
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const out = await context.request.post(`${ctx.api.baseUrl}/api/v1/auth/logout`, {
        headers: { 'X-CSRF-Token': csrfToken },
      });
      expect(out.status()).toBe(204);

      await page.getByRole('button', { name: 'Refresh' }).click();
      await heading(page, 'Sign in');
      await page.getByRole('status').getByText('Your session has expired').waitFor({ timeout: WAIT_MS });
      expect(page.url()).toBe(`${ctx.api.baseUrl}/login`);
      await signIn(page, clinicAdmin);
      await heading(page, 'Audit log');
      expect(unexpectedProblems(problems, 401)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('signs out from the user menu, and a deep link afterwards asks to sign in again', async () => {
    const page = adminPage;
    await page.getByRole('button', { name: `Account menu for ${clinicAdmin.name}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await heading(page, 'Sign in');
    await page.getByText('You have signed out').waitFor({ timeout: WAIT_MS });
    // Nothing of the session is left to read: the server forgot it.
    expect((await adminSession.request.get(`${ctx.api.baseUrl}/api/v1/auth/me`)).status()).toBe(401);

    await page.goto(`${ctx.api.baseUrl}/api-keys`);
    await heading(page, 'Sign in');
    expect(page.url()).toBe(`${ctx.api.baseUrl}/login`);
    await signIn(page, clinicAdmin);
    await heading(page, 'API keys');
    expect(path(page)).toBe('/api-keys');
    await page.close();
  });
});
