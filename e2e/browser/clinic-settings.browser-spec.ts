import { describeWithService } from '@televisit/testing';
import { type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import {
  API_ENV,
  demoLogins,
  expectAccessible,
  newSession,
  openPage,
  screenshot,
  unexpectedProblems,
  useBuiltApiAndBrowser,
  WAIT_MS,
} from './support';

// A clinic admin changes how the clinic's video visits are set up at Zoom: the title of a visit
// booked without one, and whether patients must sign in to Zoom. The tests run in order in one
// signed-in browser.

jest.setTimeout(30_000);

interface Clinic {
  meetingTopic: string;
  meetingAuthentication: boolean;
}

describeWithService('chromium', 'the clinic’s video visit settings in the dashboard', () => {
  const ctx = useBuiltApiAndBrowser({ ...API_ENV, SANDBOX: 'true' });
  let session: BrowserContext;
  let page: Page;
  let problems: string[];
  let clinicId: string;

  beforeAll(async () => {
    session = await newSession(ctx.browser, ctx.api, demoLogins(ctx.api).admin);
    const me = await session.request.get(`${ctx.api.baseUrl}/api/v1/auth/me`);
    clinicId = ((await me.json()) as { user: { clinicId: string } }).user.clinicId;
  }, 60_000);

  const section = (): Locator => page.getByRole('region', { name: 'Video visit settings' });
  const title = () => section().getByRole('textbox', { name: /^Meeting title/ });
  const signIn = () => section().getByRole('switch', { name: 'Require patients to sign in to Zoom' });
  const save = () => section().getByRole('button', { name: 'Save settings' });
  /** The clinic as the API has it, read with the browser's session. */
  const stored = async () =>
    (await (await session.request.get(`${ctx.api.baseUrl}/api/v1/clinics/${clinicId}`)).json()) as Clinic;

  it('is offered to a clinic admin with the defaults and what each setting means', async () => {
    ({ page, problems } = await openPage(session, ctx.api, '/settings'));
    page.setDefaultTimeout(WAIT_MS);
    await page.getByRole('heading', { level: 1, name: 'Clinic settings' }).waitFor();
    expect(await page.title()).toBe('Clinic settings · televisit');
    await section().waitFor();
    expect(await title().inputValue()).toBe('Video visit');
    expect(await signIn().isChecked()).toBe(false);
    const text = await section().innerText();
    expect(text).toContain('Shown in Zoom and calendars. Never put a patient’s name here.');
    expect(text).toContain('Off by default: most patients have no Zoom account.');
    // Nothing changed yet: nothing to save.
    expect(await save().isDisabled()).toBe(true);
    await expectAccessible(page, 'clinic settings');
  });

  it('refuses an empty title in the form and sends nothing', async () => {
    const sent: string[] = [];
    const record = (request: Request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    };
    page.on('request', record);
    try {
      await title().fill('   ');
      await save().click();
      await section()
        .getByText(/Enter a title/)
        .waitFor();
    } finally {
      page.off('request', record);
    }
    expect(sent).toEqual([]);
    expect(await stored()).toMatchObject({ meetingTopic: 'Video visit' });
  });

  it('saves a new title and the sign-in switch, confirms, and a reload keeps them', async () => {
    await title().fill('  Riverside telehealth ');
    await signIn().check({ force: true });
    await save().click();
    await page.getByRole('status').getByText('The video visit settings were saved.').waitFor();
    expect(await stored()).toEqual(
      expect.objectContaining({ meetingTopic: 'Riverside telehealth', meetingAuthentication: true }),
    );
    expect(await title().inputValue()).toBe('Riverside telehealth');
    await screenshot(page, 'clinic-settings.png');

    await page.reload();
    await section().waitFor();
    expect(await title().inputValue()).toBe('Riverside telehealth');
    expect(await signIn().isChecked()).toBe(true);
    await expectAccessible(page, 'clinic settings, saved');
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
