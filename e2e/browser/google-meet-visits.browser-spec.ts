import { describeWithService, type RunningApi } from '@televisit/testing';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  API_ENV,
  clinicDay,
  type Credentials,
  demoLogins,
  expectAccessible,
  newSession,
  openPage,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// A provider connects Google through the sandbox's consent page, books a Google Meet visit, watches it
// become ready, starts it (the Meet link opens in a new tab) and cancels it. Meet itself is not
// reachable offline: the browser is answered for meet.google.com by a stand-in page.

jest.setTimeout(45_000);

const GOOGLE_EMAIL = 'grace.meet@demo-clinic.test';
/** A made-up patient: nothing here is anyone's data. */
const PATIENT = 'Robin Ellis';
const MEET_LINK = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

describeWithService('chromium', 'Google Meet visits in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser({ ...API_ENV, SANDBOX: 'true' });
  let site: RunningApi;
  let provider: Credentials & { name: string };
  let session: BrowserContext;
  let page: Page;
  let problems: string[];
  /** The Meet links the browser was sent to. */
  const meetVisits: string[] = [];

  beforeAll(async () => {
    site = { ...ctx.api, baseUrl: ctx.api.baseUrl.replace('//127.0.0.1:', '//localhost:') };
    const second = demoLogins(ctx.api).providers[1];
    if (!second) throw new Error('the demo clinic needs two providers');
    provider = second;
    session = await newSession(ctx.browser, site, provider);
    await session.route('https://meet.google.com/**', async (route) => {
      meetVisits.push(route.request().url());
      await route.fulfill({ contentType: 'text/html', body: '<title>Meet (stand-in)</title><p>Meet</p>' });
    });
  }, 60_000);

  const heading = (name: string | RegExp, level = 1) =>
    page.getByRole('heading', { level, name }).waitFor({ timeout: WAIT_MS });
  const meeting = (): Locator => page.getByRole('region', { name: 'Google Meet meeting' });
  const meetingBadge = (label: string) =>
    meeting().getByText(label, { exact: true }).waitFor({ timeout: WAIT_MS });
  const form = (): Locator => page.getByRole('form', { name: 'Book an appointment' });
  /** From the Connections page, through Google's consent page, and back. */
  const connectGoogle = async () => {
    await page.getByRole('button', { name: 'Connect Google Meet' }).click();
    await page.waitForURL((url) => url.pathname === '/sandbox/google/o/oauth2/v2/auth');
    await page.getByRole('textbox', { name: 'Google account email' }).fill(GOOGLE_EMAIL);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/connections' && url.search === '');
    await page.getByTestId('connect-result').getByText('Google Meet is connected').waitFor();
  };

  it('connects the provider’s Google account through Google’s consent page', async () => {
    ({ page, problems } = await openPage(session, site, '/connections'));
    page.setDefaultTimeout(WAIT_MS);
    await connectGoogle();
  });

  it('books a Google Meet visit and shows its meeting ready', async () => {
    await page.getByRole('link', { name: 'Appointments' }).click();
    await heading('Appointments');
    await page.getByRole('link', { name: 'Book appointment' }).first().click();
    await heading('Book appointment');
    await form().getByRole('radio', { name: 'Google Meet' }).check();
    await form().getByLabel(/^Date/).fill(clinicDay(1));
    await form()
      .getByLabel(/^Start time/)
      .fill('14:00');
    await form()
      .getByLabel(/^Patient’s display name/)
      .fill(PATIENT);
    await form().getByRole('button', { name: 'Book appointment' }).click();
    await page.waitForURL((url) => /^\/appointments\/[0-9a-f-]{36}$/.test(url.pathname));
    await meetingBadge('Ready');
    expect(await page.getByRole('region', { name: 'Details' }).innerText()).toContain('Google Meet');
    expect(await meeting().getByRole('textbox', { name: 'Patient link' }).inputValue()).toMatch(
      /\/join\/\S+$/,
    );
    await expectAccessible(page, 'Google Meet appointment, meeting ready');
  });

  it('starts the visit in a new tab on the event’s Meet link', async () => {
    const opened = session.waitForEvent('page', { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Start visit' }).click();
    const tab = await opened;
    await tab.waitForURL(MEET_LINK, { timeout: WAIT_MS });
    expect(meetVisits).toEqual([tab.url()]);
    await tab.close();
  });

  it('says under the header why a visit on a disconnected Google account cannot start, until it is connected again', async () => {
    const visitPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Disconnect Google Meet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Google Meet?' });
    await dialog.getByRole('button', { name: 'Disconnect Google Meet' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto(site.baseUrl + visitPath);
    await meetingBadge('Ready');

    const blank = session.waitForEvent('page', { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Start visit' }).click();
    const blankTab = await blank;
    const alert = page.getByRole('alert').filter({ hasText: 'Couldn’t start the visit' });
    await alert.waitFor();
    // Worded as a failed meeting is, with what to do: the provider's own account, their Connections page.
    expect(await alert.innerText()).toMatch(
      /provider’s own Google Meet account, which is no longer connected[\s\S]*Connect the same account again/,
    );
    // The tab opened at the click is closed again, and the page's actions keep their one row.
    if (!blankTab.isClosed()) await blankTab.waitForEvent('close', { timeout: WAIT_MS });
    const actions = ['Cancel appointment', 'Reschedule', 'Start visit'].map((name) =>
      page.getByRole('button', { name, exact: true }).boundingBox(),
    );
    const tops = (await Promise.all(actions)).map((box) => box?.y);
    expect(tops).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect(new Set(tops).size).toBe(1);
    const header = await page.getByRole('heading', { level: 1, name: 'Appointment' }).boundingBox();
    const box = await alert.boundingBox();
    expect(box?.y).toBeGreaterThan((header?.y ?? 0) + (header?.height ?? 0));
    await expectAccessible(page, 'Google Meet appointment, visit could not start');
    await screenshot(page, 'appointment-start-failed.png');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Start visit' }).click();

    // The same Google account again, from the alert's own link: the visit starts as before.
    await alert.getByRole('link', { name: 'Go to Connections' }).click();
    await connectGoogle();
    await page.goto(site.baseUrl + visitPath);
    await meetingBadge('Ready');
    const opened = session.waitForEvent('page', { timeout: WAIT_MS });
    await page.getByRole('button', { name: 'Start visit' }).click();
    const tab = await opened;
    await tab.waitForURL(MEET_LINK, { timeout: WAIT_MS });
    await tab.close();
  });

  it('cancels the visit, and the Google Meet meeting with it', async () => {
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await meetingBadge('Cancelled');
    expect(await page.getByRole('button', { name: 'Start visit' }).count()).toBe(0);
    // The host link refused above, while Google was disconnected.
    expect(unexpectedProblems(problems, 409)).toEqual([]);
  });
});
