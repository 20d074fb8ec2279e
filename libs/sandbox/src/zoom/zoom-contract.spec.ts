import { validateRequest, validateResponse, type ZoomOperation } from './zoom-openapi';
import { accountToken, api, type HttpAnswer, signIn, startZoom, type ZoomHarness } from './zoom-spec-helpers';

/**
 * The fake against Zoom's own OpenAPI document: every operation televisit uses is driven over HTTP,
 * what we send is checked against the request schema and what comes back against the response schema.
 */
describe('Zoom fake contract (zoom-meeting-api.openapi.json)', () => {
  let zoom: ZoomHarness;
  let userToken: string;
  let s2sToken: string;
  beforeAll(async () => {
    zoom = await startZoom();
    userToken = (await signIn(zoom.base, 'contract@example.com')).access_token;
    zoom.running.sandbox.zoom.addUser('acct-contract', { email: 'owner@contract.example' });
    zoom.running.sandbox.zoom.addUser('acct-contract', { email: 'member@contract.example' });
    s2sToken = await accountToken(zoom.base, zoom, 'acct-contract');
  });
  afterAll(() => zoom.close());

  function expectContract(op: ZoomOperation, answer: HttpAnswer, status: number): void {
    expect(answer.status).toBe(status);
    expect(validateResponse(op, answer.status, answer.json ?? answer.text)).toEqual([]);
  }

  async function send(op: ZoomOperation, token: string, method: string, path: string, body?: unknown) {
    if (body !== undefined) expect(validateRequest(op, body)).toEqual([]);
    return api(zoom.base, token, method, path, body);
  }

  const createBody = {
    topic: 'Televisit appointment',
    type: 2,
    start_time: '2025-04-01T14:00:00Z',
    duration: 30,
    timezone: 'UTC',
    agenda: 'televisit:appointment:42',
    settings: { join_before_host: false, waiting_room: true, host_video: true, participant_video: true },
  };

  it('get me / get user (user and Server-to-Server tokens)', async () => {
    expectContract('getUser', await send('getUser', userToken, 'GET', '/users/me'), 200);
    expectContract('getUser', await send('getUser', s2sToken, 'GET', '/users/member@contract.example'), 200);
    expectContract('getUser', await send('getUser', s2sToken, 'GET', '/users/nobody@contract.example'), 404);
  });

  it('list users', async () => {
    const answer = await send('listUsers', s2sToken, 'GET', '/users?page_size=1');
    expectContract('listUsers', answer, 200);
    const next = (answer.json as { next_page_token: string }).next_page_token;
    expectContract(
      'listUsers',
      await send('listUsers', s2sToken, 'GET', `/users?next_page_token=${next}`),
      200,
    );
  });

  it('create, get, update, list and delete a meeting', async () => {
    const created = await send('createMeeting', userToken, 'POST', '/users/me/meetings', createBody);
    expectContract('createMeeting', created, 201);
    const id = (created.json as { id: number }).id;

    expectContract('getMeeting', await send('getMeeting', userToken, 'GET', `/meetings/${id}`), 200);
    const update = { topic: 'Rescheduled', start_time: '2025-04-02T09:00:00', timezone: 'Europe/Berlin' };
    expectContract(
      'updateMeeting',
      await send('updateMeeting', userToken, 'PATCH', `/meetings/${id}`, update),
      204,
    );
    for (const type of ['scheduled', 'upcoming']) {
      const list = await send(
        'listMeetings',
        userToken,
        'GET',
        `/users/me/meetings?type=${type}&page_size=10`,
      );
      expectContract('listMeetings', list, 200);
      expect((list.json as { meetings: Array<{ agenda: string }> }).meetings[0]?.agenda).toBe(
        createBody.agenda,
      );
    }
    expectContract('deleteMeeting', await send('deleteMeeting', userToken, 'DELETE', `/meetings/${id}`), 204);
    expectContract('getMeeting', await send('getMeeting', userToken, 'GET', `/meetings/${id}`), 404);
    expectContract('deleteMeeting', await send('deleteMeeting', userToken, 'DELETE', `/meetings/${id}`), 404);
    expectContract(
      'updateMeeting',
      await send('updateMeeting', userToken, 'PATCH', `/meetings/${id}`, {}),
      404,
    );
  });

  it('create for a user of the account with a Server-to-Server token', async () => {
    const created = await send(
      'createMeeting',
      s2sToken,
      'POST',
      '/users/member@contract.example/meetings',
      createBody,
    );
    expectContract('createMeeting', created, 201);
  });

  it('answers the daily cap with a status the document lists', async () => {
    zoom.running.sandbox.knobs.zoomDailyCap = 0;
    try {
      expectContract(
        'createMeeting',
        await send('createMeeting', userToken, 'POST', '/users/me/meetings', createBody),
        429,
      );
    } finally {
      zoom.running.sandbox.knobs.zoomDailyCap = 100;
    }
  });

  describe('the validator itself can fail', () => {
    it('rejects a response missing a required property or with a wrong type', async () => {
      const me = (await api(zoom.base, userToken, 'GET', '/users/me')).json as Record<string, unknown>;
      const withoutType = { ...me };
      delete withoutType['type'];
      expect(validateResponse('getUser', 200, withoutType)).toEqual([
        { field: 'type', message: expect.any(String) },
      ]);

      const created = await api(zoom.base, userToken, 'POST', '/users/me/meetings', createBody);
      const meeting = created.json as Record<string, unknown>;
      expect(validateResponse('getMeeting', 200, { ...meeting, id: String(meeting['id']) })).toEqual([
        { field: 'id', message: expect.any(String) },
      ]);
      expect(validateResponse('getMeeting', 200, { ...meeting, start_time: 'tomorrow' })).not.toEqual([]);
      expect(validateResponse('getMeeting', 418, {})).not.toEqual([]);
      expect(validateResponse('deleteMeeting', 204, { unexpected: true })).not.toEqual([]);
    });

    it('rejects a request body with a wrong type or an unknown enum value', () => {
      expect(validateRequest('createMeeting', { topic: 'x', type: 5 })).toEqual([
        { field: 'type', message: expect.any(String) },
      ]);
      expect(validateRequest('updateMeeting', { duration: '30' })).toEqual([
        { field: 'duration', message: expect.any(String) },
      ]);
    });
  });
});
