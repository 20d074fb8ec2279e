import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { type calendar_v3, google } from 'googleapis';
import { validateResource } from './discovery-validator';
import {
  CALENDAR_EVENTS,
  CLIENT,
  type GoogleSandbox,
  REDIRECT_URI,
  startGoogleSandbox,
  startReceiver,
  submitConsent,
} from './google-spec-kit';

/** Every body exchanged must match the discovery document, with no field it does not declare. */
function expectValid(schema: string, value: unknown, methodId?: string): void {
  expect(validateResource(schema, value, { methodId, strict: true })).toEqual([]);
}

describe('fake Google against the real googleapis and google-auth-library clients', () => {
  let sandbox: GoogleSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await sandbox.running.sandbox.google.flushNotifications();
    await sandbox.close();
    await receiver.close();
  });

  it('runs the OAuth flow, the event lifecycle with Meet, push channels, refresh and revocation', async () => {
    const auth = new OAuth2Client({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      redirectUri: REDIRECT_URI,
      // Jest's VM has no dynamic import, so gaxios cannot load node-fetch; televisit passes its own fetch too.
      transporterOptions: { fetchImplementation: fetch },
      endpoints: {
        oauth2AuthBaseUrl: `${sandbox.base}/o/oauth2/v2/auth`,
        oauth2TokenUrl: `${sandbox.base}/token`,
        oauth2RevokeUrl: `${sandbox.base}/revoke`,
      },
    });
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const url = auth.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: ['openid', 'email', CALENDAR_EVENTS],
      state: 'contract',
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    const back = await submitConsent(url, { email: 'contract@example.com' });
    expect(back.searchParams.get('state')).toBe('contract');
    const { tokens } = await auth.getToken({ code: back.searchParams.get('code') as string, codeVerifier });
    expect(tokens).toMatchObject({
      token_type: 'Bearer',
      refresh_token: expect.any(String),
      id_token: expect.any(String),
    });
    expect(tokens.scope?.split(' ')).toContain(CALENDAR_EVENTS);
    auth.setCredentials(tokens);

    // googleapis keeps only the origin of a client-wide rootUrl (it resolves '/calendar/v3/…' against it),
    // so a root with a path, like the sandbox's, must be given per call, where it is prefixed as is.
    const calendar = google.calendar({ version: 'v3', auth });
    const at = { rootUrl: `${sandbox.base}/` };
    const insertBody: calendar_v3.Schema$Event = {
      summary: 'Video visit',
      start: { dateTime: '2026-03-10T09:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-10T09:30:00+01:00', timeZone: 'Europe/Berlin' },
      conferenceData: {
        createRequest: { requestId: 'visit-1', conferenceSolutionKey: { type: 'hangoutsMeet' } },
      },
    };
    expectValid('Event', insertBody, 'calendar.events.insert');
    const inserted = await calendar.events.insert(
      { calendarId: 'primary', conferenceDataVersion: 1, sendUpdates: 'none', requestBody: insertBody },
      at,
    );
    expectValid('Event', inserted.data);
    expectValid('ConferenceData', inserted.data.conferenceData);
    expect(inserted.data.conferenceData?.createRequest?.status?.statusCode).toBe('pending');
    const eventId = inserted.data.id as string;

    const read = await calendar.events.get({ calendarId: 'primary', eventId }, at);
    expectValid('Event', read.data);
    expectValid('ConferenceData', read.data.conferenceData);
    expect(read.data.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri).toMatch(
      /^https:\/\/meet\.google\.com\//,
    );

    const listed = await calendar.events.list(
      { calendarId: 'primary', singleEvents: true, maxResults: 10 },
      at,
    );
    expectValid('Events', listed.data);
    const syncToken = listed.data.nextSyncToken as string;

    const channelBody: calendar_v3.Schema$Channel = {
      id: 'contract-channel',
      type: 'web_hook',
      address: receiver.url,
      token: 't',
    };
    expectValid('Channel', channelBody, 'calendar.events.watch');
    const channel = await calendar.events.watch({ calendarId: 'primary', requestBody: channelBody }, at);
    expectValid('Channel', channel.data);

    const patchBody: calendar_v3.Schema$Event = {
      summary: 'Video visit (moved)',
      start: { dateTime: '2026-03-10T10:00:00+01:00' },
      end: { dateTime: '2026-03-10T10:30:00+01:00' },
    };
    expectValid('Event', patchBody, 'calendar.events.patch');
    const patched = await calendar.events.patch(
      { calendarId: 'primary', eventId, requestBody: patchBody },
      at,
    );
    expectValid('Event', patched.data);
    expect(patched.data.sequence).toBe(1);

    const changes = await calendar.events.list({ calendarId: 'primary', syncToken }, at);
    expectValid('Events', changes.data);
    expect(changes.data.items?.map((e) => e.summary)).toEqual(['Video visit (moved)']);

    const stopBody: calendar_v3.Schema$Channel = { id: channel.data.id, resourceId: channel.data.resourceId };
    expectValid('Channel', stopBody, 'calendar.channels.stop');
    expect((await calendar.channels.stop({ requestBody: stopBody }, at)).status).toBe(204);
    expect((await calendar.events.delete({ calendarId: 'primary', eventId }, at)).status).toBe(204);
    const afterDelete = await calendar.events.list(
      { calendarId: 'primary', syncToken: changes.data.nextSyncToken as string },
      at,
    );
    expectValid('Events', afterDelete.data);
    expect(afterDelete.data.items?.map((e) => e.status)).toEqual(['cancelled']);

    // Refresh after expiry: the fake's manual clock moves an hour; the library judges expiry by the wall clock,
    // so its recorded expiry moves back by the same hour.
    const oldToken = auth.credentials.access_token as string;
    sandbox.clock.advance(3601_000);
    auth.credentials.expiry_date = (auth.credentials.expiry_date as number) - 3601_000;
    const expired = await fetch(`${sandbox.base}/calendar/v3/calendars/primary/events`, {
      headers: { authorization: `Bearer ${oldToken}` },
    });
    expect(expired.status).toBe(401);
    const { token: newToken } = await auth.getAccessToken();
    expect(newToken).not.toBe(oldToken);
    expect(auth.credentials.refresh_token).toBe(tokens.refresh_token);
    expectValid('Events', (await calendar.events.list({ calendarId: 'primary' }, at)).data);

    await auth.revokeToken(tokens.refresh_token as string);
    await expect(auth.refreshAccessToken()).rejects.toMatchObject({ message: 'invalid_grant' });
    await expect(
      calendar.events.list({ calendarId: 'primary' }, { ...at, retry: false }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('has a validator that can fail', () => {
    expect(validateResource('Event', { start: { dateTime: 12 } })).toEqual([
      expect.objectContaining({ path: 'start.dateTime', reason: 'invalid' }),
    ]);
    expect(
      validateResource('Event', { summary: 'x' }, { methodId: 'calendar.events.insert' }).map((p) => p.path),
    ).toEqual(['end', 'start']);
    expect(validateResource('Events', { items: {} }).map((p) => p.path)).toEqual(['items']);
    expect(
      validateResource('Channel', { kind: 'api#channel', address: 'x', surprise: true }, { strict: true }),
    ).toEqual([expect.objectContaining({ path: 'surprise', message: 'Unknown field: surprise' })]);
    expect(validateResource('Channel', { expiration: 'soon' })[0]?.path).toBe('expiration');
  });
});
