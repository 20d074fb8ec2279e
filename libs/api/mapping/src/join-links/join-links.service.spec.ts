import { Logger } from '@nestjs/common';
import type { AuditInput, AuditService } from '@televisit/api-audit';
import { ManualClock, type RequestMeta } from '@televisit/api-core';
import type { MeetingMappings } from '../reconcile/meeting-mappings';
import { JoinLinks } from './join-links.service';
import type { JoinLookup, JoinTarget } from './join-lookup';
import { joinTokenHash, newJoinToken } from './join-token';
import { JoinUseAudit } from './join-use-audit';

const START = new Date('2026-12-01T15:00:00.000Z');
const META: RequestMeta = { ip: '203.0.113.7', userAgent: 'spec', requestId: 'req-12345678' };
const JOIN_URL = 'https://zoom.example/j/123456789?pwd=abc';

function appointment(over: Partial<JoinTarget> = {}): JoinTarget {
  return {
    appointmentId: 'appt-1',
    clinicId: 'clinic-1',
    startTime: START,
    durationMinutes: 30,
    timezone: 'America/Bogota',
    status: 'scheduled',
    videoProvider: 'zoom',
    meeting: mapping(),
    ...over,
  };
}

function mapping(over: Partial<NonNullable<JoinTarget['meeting']>> = {}): NonNullable<JoinTarget['meeting']> {
  return { status: 'ready', lastError: null, sealedJoinUrl: 'sealed-join-url', ...over };
}

function setup(
  options: {
    appt?: JoinTarget | null;
    mapping?: JoinTarget['meeting'];
    joinUrl?: string | null;
  } = {},
) {
  const token = newJoinToken();
  const base = options.appt === undefined ? appointment() : options.appt;
  let target = base && options.mapping !== undefined ? { ...base, meeting: options.mapping } : base;
  const reads: string[] = [];
  const lookup = {
    find: (linkId: string) => {
      reads.push(linkId);
      return Promise.resolve(linkId === joinTokenHash(token) ? target : null);
    },
  } as unknown as JoinLookup;
  /** What the token's link leads to from now on (another appointment, a resealed URL). */
  const leadTo = (next: JoinTarget) => (target = next);
  const joinUrlOf = jest.fn((_appointmentId: string, sealed: string | null) =>
    sealed === null ? null : options.joinUrl === undefined ? JOIN_URL : options.joinUrl,
  );
  /** Which vendor's table each opening asked for. */
  const tablesAsked: string[] = [];
  const mappings = {
    of: (videoProvider: string) => {
      tablesAsked.push(videoProvider);
      return { joinUrlOf };
    },
  } as unknown as MeetingMappings;
  const audited: AuditInput[] = [];
  const audit = {
    recordNow: (input: AuditInput) => {
      audited.push(input);
      return Promise.resolve();
    },
  } as unknown as AuditService;
  const clock = new ManualClock(new Date(START.getTime() - 5 * 60_000));
  const joinLinks = new JoinLinks(
    lookup,
    mappings,
    new JoinUseAudit(audit, clock, { joinAuditRepeatSeconds: 60 }),
    clock,
  );
  return { token, joinLinks, clock, audited, reads, meetingOf: joinUrlOf, leadTo, tablesAsked };
}

describe('JoinLinks.open', () => {
  let logged: jest.SpyInstance[] = [];
  beforeEach(() => {
    logged = [
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined),
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
    ];
  });
  afterEach(() => jest.restoreAllMocks());
  const logLines = () => logged.flatMap((spy) => spy.mock.calls.map((args) => JSON.stringify(args)));

  it('inside the window with a meeting: the vendor URL, audited as a success without the token or URL', async () => {
    const { token, joinLinks, audited } = setup();
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'redirect', url: JOIN_URL });
    // The row's full shape is JoinUseAudit's (join-use-audit.spec.ts): here, what this use told it.
    expect(audited.map((a) => [a.clinicId, a.target, a.outcome, a.meta, a.details])).toEqual([
      ['clinic-1', { type: 'appointment', id: 'appt-1' }, 'success', META, { outcome: 'redirect' }],
    ]);
    expect(JSON.stringify(audited)).not.toContain(token);
    expect(JSON.stringify(audited)).not.toContain('zoom.example');
  });

  it('follows the clock across the window: too early, open at exactly opensAt and closesAt, then gone', async () => {
    const { token, joinLinks, clock, audited, meetingOf } = setup();
    clock.advance(-10 * 60_000 - 1); // 15 min and 1 ms before the start
    expect(await joinLinks.open(token, META)).toEqual({
      kind: 'too_early',
      opensAt: new Date('2026-12-01T14:45:00.000Z'),
      timezone: 'America/Bogota',
    });
    expect(meetingOf).not.toHaveBeenCalled(); // the vault is not opened before the window
    clock.advance(1);
    expect((await joinLinks.open(token, META)).kind).toBe('redirect');
    clock.advance(75 * 60_000); // the end (30 min) + 30 min + the 15 min before the start
    expect((await joinLinks.open(token, META)).kind).toBe('redirect');
    clock.advance(1);
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'gone' });
    expect(audited.map((a) => [a.details?.['outcome'], a.outcome])).toEqual([
      ['too_early', 'denied'],
      ['redirect', 'success'],
      ['redirect', 'success'],
      ['gone', 'denied'],
    ]);
  });

  it('opens the join URL from the vault once per meeting; a resealed URL is opened again', async () => {
    const { token, joinLinks, meetingOf, leadTo } = setup();
    await joinLinks.open(token, META);
    expect((await joinLinks.open(token, META)).kind).toBe('redirect');
    expect(meetingOf).toHaveBeenCalledTimes(1);
    leadTo(appointment({ meeting: mapping({ sealedJoinUrl: 'resealed-join-url' }) }));
    await joinLinks.open(token, META);
    expect(meetingOf.mock.calls).toEqual([
      ['appt-1', 'sealed-join-url'],
      ['appt-1', 'resealed-join-url'],
    ]);
  });

  it('keeps at most 1,000 opened URLs, dropping the least recently used first', async () => {
    const { token, joinLinks, meetingOf, leadTo } = setup();
    const openFor = async (appointmentId: string) => {
      leadTo(appointment({ appointmentId }));
      expect((await joinLinks.open(token, META)).kind).toBe('redirect');
    };
    await openFor('kept');
    for (let i = 0; i < 999; i++) await openFor(`other-${i}`);
    await openFor('kept'); // full; now the most recently used
    expect(meetingOf).toHaveBeenCalledTimes(1000);
    await openFor('one-more'); // drops other-0, the least recently used
    await openFor('kept');
    expect(meetingOf).toHaveBeenCalledTimes(1001);
    await openFor('other-0');
    expect(meetingOf).toHaveBeenCalledTimes(1002);
    expect(meetingOf).toHaveBeenLastCalledWith('other-0', 'sealed-join-url');
  });

  it.each([
    ['no mapping yet', null, undefined],
    ['a mapping not confirmed yet', mapping({ status: 'pending', sealedJoinUrl: null }), undefined],
    [
      'a meeting found deleted at the vendor',
      mapping({ status: 'failed', lastError: 'meeting_not_found' }),
      undefined,
    ],
    // As a process on the older release leaves it while a deploy rolls: ready, with the error alone.
    [
      'a meeting found deleted, marked by the code alone',
      mapping({ lastError: 'meeting_not_found' }),
      undefined,
    ],
    ['a cancelled mapping', mapping({ status: 'cancelled' }), undefined],
    [
      'a meeting Zoom reported deleted',
      mapping({ status: 'failed', lastError: 'meeting_deleted_at_vendor' }),
      undefined,
    ],
    ['a stored URL that is not http(s)', mapping(), 'javascript:alert(1)'],
  ])('inside the window with %s: not ready, audited as a failure', async (_label, found, joinUrl) => {
    const { token, joinLinks, audited } = setup({ mapping: found, joinUrl });
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'not_ready' });
    expect(logLines().join()).not.toContain('javascript:');
    expect(audited.map((a) => [a.details?.['outcome'], a.outcome])).toEqual([['not_ready', 'failure']]);
  });

  it('a stored URL that is not http(s) is said once, when it is opened, not on every use', async () => {
    const { token, joinLinks, meetingOf } = setup({ joinUrl: 'javascript:alert(1)' });
    for (let i = 0; i < 3; i++) expect(await joinLinks.open(token, META)).toEqual({ kind: 'not_ready' });
    expect(meetingOf).toHaveBeenCalledTimes(1);
    expect(logged[1]?.mock.calls.map((args: unknown[]) => args[0])).toEqual([
      'appointment appt-1: the stored join URL is not http(s); not redirecting',
    ]);
  });

  it("opens the join URL through the appointment's own vendor's mapping table", async () => {
    const meet = setup({ appt: appointment({ videoProvider: 'google_meet' }) });
    expect(await meet.joinLinks.open(meet.token, META)).toEqual({ kind: 'redirect', url: JOIN_URL });
    expect(meet.tablesAsked).toEqual(['google_meet']);
    const zoom = setup();
    await zoom.joinLinks.open(zoom.token, META);
    expect(zoom.tablesAsked).toEqual(['zoom']);
  });

  it('a visit whose meeting the reconciler has not made yet is not ready', async () => {
    const { token, joinLinks } = setup({
      appt: appointment({ videoProvider: 'google_meet' }),
      mapping: null,
    });
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'not_ready' });
  });

  it.each(['cancelled', 'completed'] as const)(
    'a %s visit is gone even inside the window',
    async (status) => {
      const { token, joinLinks, audited } = setup({ appt: appointment({ status }) });
      expect(await joinLinks.open(token, META)).toEqual({ kind: 'gone' });
      expect(audited).toHaveLength(1);
    },
  );

  it('an unknown token is not found, not audited, and logged as a warning without the token', async () => {
    const { joinLinks, audited, reads } = setup();
    const unknown = newJoinToken();
    expect(await joinLinks.open(unknown, META)).toEqual({ kind: 'not_found' });
    expect(reads).toEqual([joinTokenHash(unknown)]);
    expect(audited).toEqual([]);
    expect(logLines()).toHaveLength(1);
    expect(logLines().join()).not.toContain(unknown);
    expect(logLines().join()).not.toContain(joinTokenHash(unknown));
  });

  it('a link whose appointment is missing is not found and not audited', async () => {
    const { token, joinLinks, audited } = setup({ appt: null });
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'not_found' });
    expect(audited).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['too short', 'a'.repeat(42)],
    ['too long', 'a'.repeat(44)],
    ['padding', `${'a'.repeat(42)}=`],
    ['standard base64', `${'a'.repeat(42)}+`],
    ['a quote', `${'a'.repeat(42)}'`],
    ['SQL', "' OR 1=1 --"],
    ['a newline', `${'a'.repeat(42)}\n`],
    ['non-ASCII', `${'a'.repeat(42)}é`],
  ])('a malformed token (%s) is not found without a database read', async (_label, token) => {
    const { joinLinks, audited, reads } = setup();
    expect(await joinLinks.open(token, META)).toEqual({ kind: 'not_found' });
    expect(reads).toEqual([]);
    expect(audited).toEqual([]);
  });
});
