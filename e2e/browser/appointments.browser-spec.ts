import { describeWithService, type RunningApi, WORKSPACE_ROOT } from '@televisit/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  API_ENV,
  CLINIC_ZONE,
  clinicDay,
  type Credentials,
  demoLogins,
  expectAccessible,
  navLabels,
  newSession,
  type OpenedPage,
  openPage,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// A provider connects Zoom through the sandbox's consent page, books a visit, watches its meeting
// become ready, starts it, moves it and cancels it; a clinic admin books for the demo clinic's
// second provider, who has no Zoom, and is told why the meeting failed and what to do. The fake
// Zoom is the sandbox's, mounted under /sandbox on the API's own origin.

jest.setTimeout(45_000);

const ZOOM_EMAIL = 'ada.visits@demo-clinic.test';
/** Made-up patients: nothing here is anyone's data. */
const PATIENT = 'Jordan Rivera';
const FAILED_PATIENT = 'Sam Okafor';

describeWithService('chromium', 'appointments in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser({ ...API_ENV, SANDBOX: 'true' });
  /** On `localhost`, where Zoom's consent page sends the browser back to (see connections spec). */
  let site: RunningApi;
  let provider: Credentials & { name: string };
  let secondProvider: Credentials & { name: string };
  let admin: Credentials & { name: string };
  let providerSession: BrowserContext;
  let adminSession: BrowserContext;
  let page: Page;
  let problems: string[];
  let patientLink: string;

  beforeAll(async () => {
    site = { ...ctx.api, baseUrl: ctx.api.baseUrl.replace('//127.0.0.1:', '//localhost:') };
    const logins = demoLogins(ctx.api);
    admin = logins.admin;
    const [first, second] = logins.providers;
    if (!first || !second) throw new Error('the demo clinic needs two providers');
    provider = first;
    secondProvider = second;
    [providerSession, adminSession] = await Promise.all([
      newSession(ctx.browser, site, provider),
      newSession(ctx.browser, site, admin),
    ]);
  }, 60_000);

  const heading = (name: string | RegExp, level = 1) =>
    page.getByRole('heading', { level, name }).waitFor({ timeout: WAIT_MS });
  const meeting = (): Locator => page.getByRole('region', { name: 'Zoom meeting' });
  const meetingBadge = (label: string) =>
    meeting().getByText(label, { exact: true }).waitFor({ timeout: WAIT_MS });
  const details = (): Locator => page.getByRole('region', { name: 'Details' });
  const form = (): Locator => page.getByRole('form', { name: 'Book an appointment' });

  async function fillBooking(values: { day: string; time: string; patient: string }): Promise<void> {
    await form().getByLabel(/^Date/).fill(values.day);
    await form()
      .getByLabel(/^Start time/)
      .fill(values.time);
    await form()
      .getByLabel(/^Patient’s display name/)
      .fill(values.patient);
  }

  it('offers Appointments first in a provider’s navigation, empty at first', async () => {
    ({ page, problems } = await openPage(providerSession, site, '/appointments'));
    page.setDefaultTimeout(WAIT_MS);
    await heading('Appointments');
    expect(await page.title()).toBe('Appointments · televisit');
    expect((await navLabels(page))[0]).toBe('Appointments');
    await heading('No upcoming appointments', 2);
    // No provider filter for a provider: they see their own visits only.
    expect(await page.getByRole('combobox', { name: 'Provider' }).count()).toBe(0);
    await expectAccessible(page, 'appointments, none yet');
  });

  it('connects the provider’s Zoom through Zoom’s consent page', async () => {
    await page.goto(`${site.baseUrl}/connections`);
    await page.getByRole('button', { name: 'Connect Zoom' }).click();
    await page.waitForURL((url) => url.pathname === '/sandbox/zoom/oauth/authorize');
    await page.getByLabel('Zoom account email').fill(ZOOM_EMAIL);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/connections' && url.search === '');
    await page.getByTestId('connect-result').getByText('Zoom is connected').waitFor();
  });

  it('checks the booking form field by field, then books and shows the meeting being prepared', async () => {
    await page.getByRole('link', { name: 'Appointments' }).click();
    await heading('Appointments');
    await page.getByRole('link', { name: 'Book appointment' }).first().click();
    await heading('Book appointment');
    expect(new URL(page.url()).pathname).toBe('/appointments/new');
    expect(await form().innerText()).toContain(`You host this visit, ${provider.name}`);
    // The clinic's zone by default, 30 minutes, Zoom.
    expect(
      await form()
        .getByLabel(/^Time zone/)
        .inputValue(),
    ).toContain(CLINIC_ZONE);
    expect(
      await form()
        .getByLabel(/^Duration/)
        .inputValue(),
    ).toBe('30');
    expect(await form().getByRole('radio', { name: 'Zoom' }).isChecked()).toBe(true);
    expect(
      await form()
        .getByText(/never the patient’s name/)
        .count(),
    ).toBe(1);
    await expectAccessible(page, 'booking form');

    await form().getByRole('button', { name: 'Book appointment' }).click();
    await form().getByText('Choose the day of the visit.').waitFor();
    await form().getByText('Choose when the visit starts.').waitFor();
    await form().getByText('Enter the name the patient is greeted by.').waitFor();
    await expectAccessible(page, 'booking form with errors');

    await fillBooking({ day: clinicDay(1), time: '10:00', patient: PATIENT });
    await form().getByRole('button', { name: 'Book appointment' }).click();

    await page.waitForURL((url) => /^\/appointments\/[0-9a-f-]{36}$/.test(url.pathname));
    await heading(/^Appointment$/);
    // The notice stays true whether the meeting is still being made or already ready.
    await page
      .getByText('The appointment was booked. This page shows its meeting as soon as it is ready.')
      .waitFor();
    // Nothing about the patient in the address bar or the tab's title.
    expect(page.url()).not.toContain('Jordan');
    await page.waitForFunction("document.title === 'Appointment · televisit'");
    await meetingBadge('Preparing');
    await meetingBadge('Ready');
    expect(await details().innerText()).toContain(PATIENT);
    // Booked in Berlin, seen from Paris: both zones are shown, each named.
    expect(await details().innerText()).toMatch(/Starts \(your time\)\n.*10:00 (CET|CEST)/);
    expect(await details().innerText()).toContain('Booked in Europe/Berlin');
    // The meeting's own events, from Zoom's webhooks: none before anyone starts it.
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText('Nothing has happened in the meeting yet', { exact: false })
      .waitFor();
    await expectAccessible(page, 'appointment, meeting ready');
  });

  it('copies the patient link and says so', async () => {
    const field = meeting().getByRole('textbox', { name: 'Patient link' });
    patientLink = await field.inputValue();
    expect(patientLink).toMatch(/\/join\/\S+$/);
    await meeting().getByRole('button', { name: 'Copy patient link' }).click();
    await meeting().getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(patientLink);
  });

  /** This appointment's page, as it shows when the API answers with its meeting's `lastError` as `code`. */
  const openWithLastError = (code: string): Promise<OpenedPage> => {
    const path = new URL(page.url()).pathname;
    return openPage(providerSession, site, path, (p) =>
      p.route(`**/api/v1/appointments/${path.split('/').at(-1)}`, async (route) => {
        const answer = await route.fetch();
        const body = (await answer.json()) as { meeting: Record<string, unknown> };
        body.meeting['lastError'] = code;
        await route.fulfill({ response: answer, json: body });
      }),
    );
  };

  it('says so when the meeting was left where Zoom keeps moving it, with what to do', async () => {
    // The API marks a ready meeting so after three moves back in a day; the page is shown that answer.
    const { page: moved, problems: seen } = await openWithLastError('moved_at_vendor_repeatedly');
    const panel = moved.getByRole('region', { name: 'Zoom meeting' });
    const notice = panel.getByRole('alert');
    await panel.getByText('Ready', { exact: true }).waitFor({ timeout: WAIT_MS });
    await notice.getByText('The Zoom meeting isn’t at the booked time').waitFor({ timeout: WAIT_MS });
    expect(await notice.innerText()).toMatch(/moved it back three times[\s\S]*reschedule the appointment/);
    await expectAccessible(moved, 'appointment, meeting left where Zoom moved it');
    await screenshot(moved, 'appointment-moved-away.png');
    expect(unexpectedProblems(seen)).toEqual([]);
    await moved.close();
  });

  it('says so when the meeting is under way and moves only once it has ended', async () => {
    // The API marks a ready meeting so when Zoom refuses to move it while it runs.
    const { page: running, problems: seen } = await openWithLastError('meeting_in_progress');
    const panel = running.getByRole('region', { name: 'Zoom meeting' });
    await panel.getByText('Ready', { exact: true }).waitFor({ timeout: WAIT_MS });
    const note = panel.getByRole('note');
    await note.getByText(/^The Zoom meeting is under way/).waitFor({ timeout: WAIT_MS });
    expect(await note.innerText()).toMatch(
      /change a meeting only once it has ended; televisit then moves it/,
    );
    // Nothing to fix: a note, not an alert.
    expect([await panel.getByRole('note').count(), await panel.getByRole('alert').count()]).toEqual([1, 0]);
    await expectAccessible(running, 'appointment, meeting under way');
    await screenshot(running, 'appointment-under-way.png');
    expect(unexpectedProblems(seen)).toEqual([]);
    await running.close();
  });

  it('starts the visit in a new tab with a start link minted on the click', async () => {
    const opened = providerSession.waitForEvent('page', { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Start visit' }).click();
    const tab = await opened;
    await tab.waitForURL((url) => url.pathname.startsWith('/sandbox/zoom/s/'), { timeout: WAIT_MS });
    // The sandbox's fake Zoom, served by the API itself.
    expect(new URL(tab.url()).port).toBe(new URL(ctx.api.baseUrl).port);
    expect(await tab.locator('body').innerText()).toMatch(/started \(sandbox\)/);
    await tab.close();
  });

  it('reschedules the same meeting and keeps the patient link', async () => {
    await page.getByRole('button', { name: 'Reschedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reschedule appointment' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^Start time/).inputValue()).toBe('10:00');
    await expectAccessible(page, 'reschedule dialog');
    await dialog.getByLabel(/^Start time/).fill('11:15');
    await dialog.getByLabel(/^Duration/).fill('45');
    await dialog.getByRole('button', { name: 'Move appointment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('The appointment was moved.', { exact: false }).waitFor();

    await details()
      .getByText(/11:15 (CET|CEST)/)
      .first()
      .waitFor();
    expect(await details().innerText()).toContain('45 min');
    await meetingBadge('Ready');
    expect(await meeting().getByRole('textbox', { name: 'Patient link' }).inputValue()).toBe(patientLink);
  });

  it('cancels after a confirmation, and the meeting is deleted', async () => {
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('the patient’s link stops working');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await details().getByText('Cancelled', { exact: true }).waitFor();
    await meetingBadge('Cancelled');
    expect(await page.getByRole('button', { name: 'Start visit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reschedule' }).count()).toBe(0);
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('lets a clinic admin book for a provider without Zoom, and says why the meeting failed', async () => {
    ({ page, problems } = await openPage(adminSession, site, '/appointments/new'));
    page.setDefaultTimeout(WAIT_MS);
    await heading('Book appointment');
    expect((await navLabels(page))[0]).toBe('Appointments');
    await form().getByRole('combobox', { name: 'Provider' }).selectOption({ label: secondProvider.name });
    await fillBooking({ day: clinicDay(2), time: '09:30', patient: FAILED_PATIENT });
    await form()
      .getByRole('button', { name: `Book for ${secondProvider.name}` })
      .click();

    await page.waitForURL((url) => /^\/appointments\/[0-9a-f-]{36}$/.test(url.pathname));
    await meetingBadge('Failed');
    const alert = meeting().getByRole('alert');
    await alert.getByText('The Zoom meeting couldn’t be created').waitFor();
    const text = await alert.innerText();
    expect(text).toContain('The provider hasn’t connected Zoom');
    expect(text).toContain('Map this provider to a Zoom user on the Zoom account page');
    expect(await alert.getByRole('link', { name: /Go to Zoom account/ }).getAttribute('href')).toBe(
      '/zoom-account',
    );
    await expectAccessible(page, 'appointment, meeting failed');
  });

  it('lists the clinic’s appointments with their meetings, filtered by provider', async () => {
    // One more visit for the first provider, booked as the EHR would, so the list has a ready meeting.
    const me = await adminSession.request.get(`${site.baseUrl}/api/v1/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const providerId = await providerIdOf(provider.email);
    const booked = await adminSession.request.post(`${site.baseUrl}/api/v1/appointments`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        providerId,
        startTime: `${clinicDay(1)}T15:00:00+01:00`,
        durationMinutes: 20,
        timezone: CLINIC_ZONE,
        videoProvider: 'zoom',
        patient: { displayName: 'Alex Moreau' },
      },
    });
    expect(booked.status()).toBe(201);

    await page.getByRole('link', { name: 'Appointments', exact: true }).first().click();
    await heading('Appointments');
    const table = page.getByRole('region', { name: 'Appointments' }).getByRole('table');
    await table.getByRole('row').filter({ hasText: FAILED_PATIENT }).waitFor();
    const failedRow = await table.getByRole('row').filter({ hasText: FAILED_PATIENT }).innerText();
    expect(failedRow).toContain(secondProvider.name);
    expect(failedRow).toContain('The provider hasn’t connected Zoom');
    await table.getByRole('row').filter({ hasText: 'Alex Moreau' }).getByText('Ready').waitFor();
    expect(await table.getByRole('row').filter({ hasText: PATIENT }).innerText()).toContain('Cancelled');
    // Start times in the viewer's zone, named.
    expect(await table.locator('time').first().innerText()).toMatch(/\d{2}:\d{2} (CET|CEST)$/);
    await expectAccessible(page, 'appointments list');

    const images = join(WORKSPACE_ROOT, 'docs/images');
    mkdirSync(images, { recursive: true });
    await page.screenshot({ path: join(images, 'appointments.png'), animations: 'disabled' });

    // The default view (upcoming) offers nothing to clear.
    const clear = page.getByRole('search', { name: 'Filter appointments' }).getByRole('button', {
      name: 'Clear filters',
    });
    expect(await clear.count()).toBe(0);
    await page.getByRole('combobox', { name: 'Provider' }).selectOption({ label: secondProvider.name });
    await table.getByRole('row').filter({ hasText: 'Alex Moreau' }).waitFor({ state: 'detached' });
    expect(await table.getByRole('row').filter({ hasText: FAILED_PATIENT }).count()).toBe(1);
    // Clearing returns to the default view: every provider again, and nothing left to clear.
    await clear.click();
    await table.getByRole('row').filter({ hasText: 'Alex Moreau' }).waitFor();
    await clear.waitFor({ state: 'detached' });
    expect(await page.getByRole('combobox', { name: 'Provider' }).inputValue()).toBe('');
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  async function providerIdOf(email: string): Promise<string> {
    const me = (await (await adminSession.request.get(`${site.baseUrl}/api/v1/auth/me`)).json()) as {
      user: { clinicId: string };
    };
    const list = await adminSession.request.get(`${site.baseUrl}/api/v1/clinics/${me.user.clinicId}/users`);
    const { data } = (await list.json()) as { data: Array<{ id: string; email: string }> };
    const found = data.find((user) => user.email === email);
    if (!found) throw new Error(`no user ${email}`);
    return found.id;
  }
});
