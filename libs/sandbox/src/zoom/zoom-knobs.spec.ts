import { api, http, signIn, startZoom, type ZoomHarness } from './zoom-spec-helpers';

describe('Zoom fake knobs and call log', () => {
  let zoom: ZoomHarness;
  beforeEach(async () => {
    zoom = await startZoom();
  });
  afterEach(() => zoom.close());

  it('answers every vendor call with a 5xx at failureRate 1, and recovers at 0', async () => {
    const tokens = await signIn(zoom.base, 'knob@example.com');
    zoom.running.sandbox.knobs.failureRate = 1;
    const failed = await api(zoom.base, tokens.access_token, 'GET', '/users/me');
    expect([500, 503]).toContain(failed.status);
    expect(failed.json).toMatchObject({ code: failed.status });
    zoom.running.sandbox.knobs.failureRate = 0;
    expect((await api(zoom.base, tokens.access_token, 'GET', '/users/me')).status).toBe(200);
    const faults = zoom.running.sandbox.calls.list({ vendor: 'zoom' }).filter((call) => call.fault);
    expect(faults).toEqual([expect.objectContaining({ fault: 'error', path: '/v2/users/me' })]);
  });

  it('records the subject and grant type of calls, never a token value', async () => {
    const tokens = await signIn(zoom.base, 'knob@example.com');
    await api(zoom.base, tokens.access_token, 'GET', '/users/me');
    const user = zoom.running.sandbox.zoom.findUser('knob@example.com');
    const log = await http(`${zoom.control}/calls?vendor=zoom`);
    const text = log.text;
    expect(text).not.toContain(tokens.access_token);
    expect(text).not.toContain(tokens.refresh_token ?? '-');
    const calls = log.json as Array<{ path: string; subject?: string; grantType?: string }>;
    expect(calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/oauth/token', grantType: 'authorization_code', subject: user?.id }),
        expect.objectContaining({ path: '/v2/users/me', subject: user?.id, status: 200 }),
      ]),
    );
  });

  it('keeps start and join pages out of the call log', async () => {
    const tokens = await signIn(zoom.base, 'knob@example.com');
    const meeting = (await api(zoom.base, tokens.access_token, 'POST', '/users/me/meetings', { topic: 'x' }))
      .json as {
      join_url: string;
    };
    zoom.running.sandbox.calls.clear();
    expect((await http(meeting.join_url)).status).toBe(200);
    expect(zoom.running.sandbox.calls.list()).toEqual([]);
  });
});
