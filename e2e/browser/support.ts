import { AxeBuilder } from '@axe-core/playwright';
import { type RunningApi, startBuiltApi, WORKSPACE_ROOT } from '@televisit/testing';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

// Helpers shared by the browser specs: Debian's Chromium driving the built dashboard, served by the
// built API under its real CSP. Build first: npx nx run-many -t build -p api dashboard

export const DASHBOARD_INDEX = join(WORKSPACE_ROOT, 'dist/apps/dashboard/index.html');
export const SCREENSHOTS = join(WORKSPACE_ROOT, 'tmp/screenshots');
export const WAIT_MS = 10_000;

/** The demo clinic's zone (its bookings default to it). */
export const CLINIC_ZONE = 'Europe/Berlin';

/** The calendar day `days` from now on the clinic's clock, as a date input takes it. */
export function clinicDay(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: CLINIC_ZONE }).format(at);
}
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The platform admin created at first start, and what the API needs to create it. */
export const PLATFORM_ADMIN = { email: 'root@televisit.test', password: 'correct-horse-battery' };
export const API_ENV = {
  NODE_ENV: 'development',
  BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
  BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
};

export interface Credentials {
  email: string;
  password: string;
}

interface DemoLogin extends Credentials {
  role: 'clinic_admin' | 'provider';
  name: string;
}

/** The demo clinic's admin and providers, seeded by the API in development mode. */
export function demoLogins(api: RunningApi): { admin: DemoLogin; providers: DemoLogin[] } {
  const logins = JSON.parse(readFileSync(join(api.dataDir, 'demo-logins.json'), 'utf8')) as DemoLogin[];
  const admin = logins.find((login) => login.role === 'clinic_admin');
  if (!admin) throw new Error('demo-logins.json has no clinic admin');
  return { admin, providers: logins.filter((login) => login.role === 'provider') };
}

export function assertBuilt(): void {
  if (!existsSync(DASHBOARD_INDEX)) {
    throw new Error(`${DASHBOARD_INDEX} is missing: run npx nx run-many -t build -p api dashboard`);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Native date inputs follow the browser's language, not the page's locale.
      '--lang=en-GB',
    ],
  });
}

export interface ApiAndBrowser {
  api: RunningApi;
  browser: Browser;
}

/**
 * The built API (started with `env`) and Chromium, for the calling `describe` block: registers its
 * `beforeAll` (60 s) and `afterAll` (browser, then API) and returns the object they fill in.
 */
export function useBuiltApiAndBrowser(env: Record<string, string> = API_ENV): ApiAndBrowser {
  const ctx = {} as ApiAndBrowser;
  beforeAll(async () => {
    assertBuilt();
    [ctx.api, ctx.browser] = await Promise.all([startBuiltApi(env), launchChromium()]);
  }, 60_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.api?.stop();
  });
  return ctx;
}

/**
 * A browser profile of its own (cookies included), in Paris time with British English, so that
 * the zone shown next to times is known. With credentials it is signed in through the API, which
 * is quicker than the form; the form has its own tests.
 */
export async function newSession(
  browser: Browser,
  api: RunningApi,
  as?: Credentials,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
    permissions: ['clipboard-read', 'clipboard-write'],
    // The dashboard honours it: dialogs open without animation, and the tests need not wait for one.
    reducedMotion: 'reduce',
  });
  if (as) {
    const response = await context.request.post(`${api.baseUrl}/api/v1/auth/login`, {
      data: { email: as.email, password: as.password },
    });
    if (response.status() !== 200) throw new Error(`sign-in of ${as.email} answered ${response.status()}`);
  }
  return context;
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
}

/** A fresh tab that records everything the page complains about; `prepare` runs before navigation. */
export async function openPage(
  context: BrowserContext,
  api: RunningApi,
  path: string,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<OpenedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /content security policy/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await prepare?.(page);
  const response = await page.goto(`${api.baseUrl}${path}`);
  expect(response?.status()).toBe(200);
  return { page, problems };
}

/** Chromium logs every 4xx/5xx fetch itself; `allowed` are the statuses a test expects. */
export function unexpectedProblems(problems: string[], ...allowed: number[]): string[] {
  return problems.filter((p) => !allowed.some((status) => p.includes(`status of ${status}`)));
}

/** axe with the WCAG 2.0 A/AA and 2.1 AA rules: serious and critical violations fail the test. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const severe = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: label,
      rule: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  expect(severe).toEqual([]);
}

/**
 * The whole page, with the viewport grown to fit it so the fixed sidebar reaches the bottom; into
 * tmp/screenshots unless `dir` says otherwise (docs/images for the pictures the docs show).
 */
export async function screenshot(page: Page, name: string, dir = SCREENSHOTS): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: join(dir, name), animations: 'disabled' });
  if (height > viewport.height) await page.setViewportSize(viewport);
}

/** The labels of the main navigation's links, in order. */
export function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
}
