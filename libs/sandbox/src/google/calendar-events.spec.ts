import { calendar, CALENDAR_EVENTS, type GoogleSandbox, signIn, startGoogleSandbox } from './google-spec-kit';

const EVENTS = '/calendars/primary/events';
const visit = (hour: number) => ({
  summary: 'Video visit',
  start: { dateTime: `2026-03-10T${String(hour).padStart(2, '0')}:00:00Z`, timeZone: 'UTC' },
  end: { dateTime: `2026-03-10T${String(hour).padStart(2, '0')}:30:00Z`, timeZone: 'UTC' },
});
const meet = (requestId: string) => ({
  conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
});

describe('fake Google Calendar events', () => {
  let sandbox: GoogleSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startGoogleSandbox();
    token = (await signIn(sandbox, { consent: { email: 'dr.who@example.com' } })).access_token;
  });
  afterAll(() => sandbox.close());

  it('creates a Meet conference that is pending on insert and settled on the next read', async () => {
    const inserted = await calendar(
      sandbox,
      token,
      'POST',
      `${EVENTS}?conferenceDataVersion=1&sendUpdates=none`,
      {
        ...visit(9),
        ...meet('req-1'),
      },
    );
    expect(inserted.status).toBe(200);
    expect(inserted.body.conferenceData?.createRequest?.status?.statusCode).toBe('pending');
    expect(inserted.body.hangoutLink).toBeUndefined();
    expect(inserted.body).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      sequence: 0,
      organizer: { email: 'dr.who@example.com', self: true },
      creator: { email: 'dr.who@example.com' },
      start: { dateTime: '2026-03-10T09:00:00Z', timeZone: 'UTC' },
    });
    expect(inserted.body.etag).toMatch(/^"\d+"$/);
    expect(inserted.body.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);

    const read = await calendar(sandbox, token, 'GET', `${EVENTS}/${inserted.body.id}`);
    const data = read.body.conferenceData;
    expect(data?.createRequest?.status?.statusCode).toBe('success');
    const video = data?.entryPoints?.find((entry) => entry.entryPointType === 'video');
    expect(video?.uri).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(video?.label).toBe(video?.uri?.replace('https://', ''));
    expect(data?.conferenceId).toBe(video?.uri?.slice('https://meet.google.com/'.length));
    expect(data?.conferenceSolution?.key?.type).toBe('hangoutsMeet');
    expect(read.body.hangoutLink).toBe(video?.uri);
  });

  it('keeps a conference pending for as many reads as the control says', async () => {
    await fetch(`${sandbox.control}/conferences/pending-reads`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reads: 3 }),
    });
    const inserted = await calendar(sandbox, token, 'POST', `${EVENTS}?conferenceDataVersion=1`, {
      ...visit(10),
      ...meet('req-2'),
    });
    const states = [inserted.body.conferenceData?.createRequest?.status?.statusCode];
    for (let i = 0; i < 3; i++) {
      const read = await calendar(sandbox, token, 'GET', `${EVENTS}/${inserted.body.id}`);
      states.push(read.body.conferenceData?.createRequest?.status?.statusCode);
    }
    expect(states).toEqual(['pending', 'pending', 'pending', 'success']);
    sandbox.running.sandbox.google.setConferencePendingReads(1);
  });

  it('fails as many conferences as the control says; a new requestId on the event asks again', async () => {
    const put = await fetch(`${sandbox.control}/conferences/failures`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1 }),
    });
    expect(put.status).toBe(200);
    const inserted = await calendar(sandbox, token, 'POST', `${EVENTS}?conferenceDataVersion=1`, {
      ...visit(13),
      ...meet('req-4'),
    });
    const path = `${EVENTS}/${inserted.body.id}`;
    const failed = (await calendar(sandbox, token, 'GET', path)).body;
    expect(failed.conferenceData?.createRequest?.status?.statusCode).toBe('failure');
    expect([failed.conferenceData?.entryPoints, failed.hangoutLink]).toEqual([undefined, undefined]);
    // The same requestId again is ignored, as Google does; a new one makes the conference.
    await calendar(sandbox, token, 'PATCH', `${path}?conferenceDataVersion=1`, meet('req-4'));
    const same = (await calendar(sandbox, token, 'GET', path)).body;
    expect(same.conferenceData?.createRequest?.status?.statusCode).toBe('failure');
    await calendar(sandbox, token, 'PATCH', `${path}?conferenceDataVersion=1`, meet('req-5'));
    await calendar(sandbox, token, 'GET', path);
    const made = (await calendar(sandbox, token, 'GET', path)).body;
    expect(made.conferenceData?.createRequest?.status?.statusCode).toBe('success');
    expect(made.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
    // Out of the way of the specs below, which list this calendar.
    expect((await calendar(sandbox, token, 'DELETE', path)).status).toBe(204);
  });

  it('ignores createRequest without conferenceDataVersion=1, as Google does', async () => {
    const inserted = await calendar(sandbox, token, 'POST', EVENTS, { ...visit(11), ...meet('req-3') });
    expect(inserted.status).toBe(200);
    expect(inserted.body.conferenceData).toBeUndefined();
  });

  it('makes insert idempotent with a client-chosen id and refuses ids outside base32hex', async () => {
    const id = 'tv0123456789abcdefuv';
    const first = await calendar(sandbox, token, 'POST', EVENTS, { ...visit(12), id });
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(id);
    const again = await calendar(sandbox, token, 'POST', EVENTS, { ...visit(12), id });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 409,
      message: 'The requested identifier already exists.',
      errors: [
        { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' },
      ],
      status: 'ALREADY_EXISTS',
    });
    for (const bad of ['abcd', 'has-dash-123', 'wxyz12345', 'ABCDE12345']) {
      const refused = await calendar(sandbox, token, 'POST', EVENTS, { ...visit(12), id: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.errors[0]?.reason).toBe('invalid');
    }
  });

  it('refuses bodies the discovery schema or Calendar rules refuse', async () => {
    const noEnd = await calendar(sandbox, token, 'POST', EVENTS, { start: visit(9).start });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.error?.errors[0]).toMatchObject({ reason: 'required', message: 'Missing end time.' });
    const wrongType = await calendar(sandbox, token, 'POST', EVENTS, { ...visit(9), attendees: 'everyone' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.errors[0]?.reason).toBe('invalid');
    const backwards = await calendar(sandbox, token, 'POST', EVENTS, {
      start: visit(10).start,
      end: visit(9).end,
    });
    expect(backwards.body.error?.errors[0]?.reason).toBe('timeRangeEmpty');
    const notJson = await fetch(`${sandbox.base}/calendar/v3${EVENTS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('bumps sequence on patch and merges nested objects', async () => {
    const inserted = await calendar(sandbox, token, 'POST', EVENTS, visit(13));
    const patched = await calendar(sandbox, token, 'PATCH', `${EVENTS}/${inserted.body.id}`, {
      start: { dateTime: '2026-03-10T13:15:00Z' },
      end: { dateTime: '2026-03-10T13:45:00Z' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.sequence).toBe(1);
    expect(patched.body.start).toEqual({ dateTime: '2026-03-10T13:15:00Z', timeZone: 'UTC' });
    expect(patched.body.summary).toBe('Video visit');
    expect(patched.body.etag).not.toBe(inserted.body.etag);
  });

  it('deletes with 204, keeps the event readable as cancelled, and answers 410 to a second delete', async () => {
    const inserted = await calendar(sandbox, token, 'POST', EVENTS, visit(14));
    const path = `${EVENTS}/${inserted.body.id}`;
    expect((await calendar(sandbox, token, 'DELETE', path)).status).toBe(204);
    expect((await calendar(sandbox, token, 'GET', path)).body.status).toBe('cancelled');
    const again = await calendar(sandbox, token, 'DELETE', path);
    expect(again.status).toBe(410);
    expect(again.body.error?.errors[0]).toEqual({
      domain: 'global',
      reason: 'deleted',
      message: 'Resource has been deleted',
    });
    expect((await calendar(sandbox, token, 'GET', `${EVENTS}/nosuchevent1`)).status).toBe(404);
  });

  it('lists with pages, then with a sync token returns only the changes, cancellations included', async () => {
    const other = (await signIn(sandbox, { consent: { email: 'sync.user@example.com' } })).access_token;
    const ids: string[] = [];
    for (const hour of [8, 9, 10])
      ids.push((await calendar(sandbox, other, 'POST', EVENTS, visit(hour))).body.id as string);
    const first = await calendar(
      sandbox,
      other,
      'GET',
      `${EVENTS}?maxResults=2&singleEvents=true&orderBy=startTime`,
    );
    expect(first.body.items?.map((e) => e.id)).toEqual(ids.slice(0, 2));
    expect(first.body.nextSyncToken).toBeUndefined();
    const second = await calendar(
      sandbox,
      other,
      'GET',
      `${EVENTS}?maxResults=2&pageToken=${encodeURIComponent(first.body.nextPageToken as string)}`,
    );
    expect(second.body.items?.map((e) => e.id)).toEqual(ids.slice(2));
    const syncToken = encodeURIComponent(second.body.nextSyncToken as string);

    expect((await calendar(sandbox, other, 'GET', `${EVENTS}?syncToken=${syncToken}`)).body.items).toEqual(
      [],
    );
    await calendar(sandbox, other, 'DELETE', `${EVENTS}/${ids[0]}`);
    sandbox.running.sandbox.google.changeEvent('sync.user@example.com', ids[1] as string, {
      summary: 'Moved by the clinician',
    });
    const changes = await calendar(sandbox, other, 'GET', `${EVENTS}?syncToken=${syncToken}`);
    expect(changes.status).toBe(200);
    expect(changes.body.items?.map((e) => [e.id, e.status])).toEqual([
      [ids[0], 'cancelled'],
      [ids[1], 'confirmed'],
    ]);
    expect(changes.body.items?.[1]?.sequence).toBe(1);
    const partial = await calendar(
      sandbox,
      other,
      'GET',
      `${EVENTS}?syncToken=${syncToken}&fields=${encodeURIComponent('items(id,start),nextSyncToken')}`,
    );
    expect(partial.status).toBe(200);
    expect(Object.keys(partial.body).sort()).toEqual(['items', 'nextSyncToken']);
    // A deleted event comes back as little more than its id and status, as at Google.
    expect(partial.body.items?.map((e) => Object.keys(e).sort())).toEqual([['id'], ['id', 'start']]);
    const badFields = await calendar(
      sandbox,
      other,
      'GET',
      `${EVENTS}?syncToken=${syncToken}&fields=items(id`,
    );
    expect(badFields.status).toBe(400);

    const withTime = await calendar(
      sandbox,
      other,
      'GET',
      `${EVENTS}?syncToken=${syncToken}&timeMin=2026-03-01T00:00:00Z`,
    );
    expect(withTime.status).toBe(400);
    const expired = await fetch(`${sandbox.control}/sync-tokens/expire`, { method: 'POST' });
    expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThan(0);
    const gone = await calendar(sandbox, other, 'GET', `${EVENTS}?syncToken=${syncToken}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error?.errors[0]?.reason).toBe('fullSyncRequired');
  });

  it('filters a full list by time and hides deleted events unless asked', async () => {
    const list = await calendar(
      sandbox,
      token,
      'GET',
      `${EVENTS}?timeMin=2026-03-10T12:00:00Z&timeMax=2026-03-10T14:00:00Z`,
    );
    expect(list.body.items?.every((e) => e.status === 'confirmed')).toBe(true);
    expect(list.body.items?.map((e) => e.start?.dateTime).sort()).toEqual([
      '2026-03-10T12:00:00Z',
      '2026-03-10T13:15:00Z',
    ]);
    const withDeleted = await calendar(sandbox, token, 'GET', `${EVENTS}?showDeleted=true`);
    expect(withDeleted.body.items?.some((e) => e.status === 'cancelled')).toBe(true);
    const badTime = await calendar(sandbox, token, 'GET', `${EVENTS}?timeMin=2026-03-10T12:00:00`);
    expect(badTime.status).toBe(400);
  });

  it('answers forced rate limits in Google’s exact shapes, 403 then 429', async () => {
    const force = (count: number, status: number) =>
      fetch(`${sandbox.control}/rate-limit`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count, status }),
      });
    await force(1, 403);
    const limited = await calendar(sandbox, token, 'GET', EVENTS);
    expect(limited.status).toBe(403);
    expect(limited.body).toEqual({
      error: {
        code: 403,
        message: 'Rate Limit Exceeded',
        errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
        status: 'PERMISSION_DENIED',
      },
    });
    await force(2, 429);
    expect((await calendar(sandbox, token, 'GET', EVENTS)).body.error?.status).toBe('RESOURCE_EXHAUSTED');
    expect((await calendar(sandbox, token, 'GET', EVENTS)).status).toBe(429);
    expect((await calendar(sandbox, token, 'GET', EVENTS)).status).toBe(200);
  });

  it('answers 401 to a missing, unknown or expired token and 403 to a token without a Calendar scope', async () => {
    expect((await calendar(sandbox, 'ya29.nonsense', 'GET', EVENTS)).body.error?.errors[0]?.reason).toBe(
      'authError',
    );
    const bare = await fetch(`${sandbox.base}/calendar/v3${EVENTS}`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toContain('invalid_token');

    const narrow = await signIn(sandbox, {
      consent: { email: 'narrow@example.com', untick: [CALENDAR_EVENTS] },
    });
    expect(narrow.scope.split(' ')).not.toContain(CALENDAR_EVENTS);
    const refused = await calendar(sandbox, narrow.access_token, 'POST', EVENTS, visit(9));
    expect(refused.status).toBe(403);
    expect(refused.body.error?.errors[0]?.reason).toBe('insufficientPermissions');

    const short = await signIn(sandbox, { consent: { email: 'short@example.com' } });
    sandbox.clock.advance(3600_000);
    const expired = await calendar(sandbox, short.access_token, 'GET', EVENTS);
    expect(expired.status).toBe(401);
    expect(expired.body.error?.status).toBe('UNAUTHENTICATED');
  });

  it('applies the fault knobs in Google’s error shape and logs the subject, never a token', async () => {
    const fresh = await signIn(sandbox, { consent: { email: 'dr.who@example.com' } });
    const { knobs, calls } = sandbox.running.sandbox;
    const sub = sandbox.running.sandbox.google.findUser('dr.who@example.com')?.sub as string;
    expect(sub).toMatch(/^\d{21}$/);
    calls.clear();
    knobs.failureRate = 1;
    try {
      const failed = await calendar(sandbox, fresh.access_token, 'GET', EVENTS);
      expect([500, 503]).toContain(failed.status);
      expect(failed.body.error?.errors[0]?.reason).toBe('backendError');
    } finally {
      knobs.failureRate = 0;
    }
    await calendar(sandbox, fresh.access_token, 'GET', EVENTS);
    const log = calls.list({ vendor: 'google' });
    expect(log.map((c) => [c.path, c.status, c.fault])).toEqual([
      ['/calendar/v3/calendars/primary/events', failed5xx(log[0]?.status), 'error'],
      ['/calendar/v3/calendars/primary/events', 200, undefined],
    ]);
    expect(log[1]?.subject).toBe(sub);
    expect(JSON.stringify(log)).not.toContain(fresh.access_token);
  });
});

const failed5xx = (status: number | undefined) => (status === 500 || status === 503 ? status : -1);
