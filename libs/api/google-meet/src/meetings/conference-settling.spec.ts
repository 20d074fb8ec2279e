import { VideoProviderError } from '@televisit/api-mapping';
import { SETTLE_REREADS, settledConference } from './conference-settling';
import type { CalendarEvent } from './google-meet-event-body';

const event = (statusCode: string, n = 0): CalendarEvent => ({
  id: `tvevent${n}`,
  conferenceData: {
    createRequest: {
      requestId: 'r',
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode },
    },
    ...(statusCode === 'success'
      ? { entryPoints: [{ entryPointType: 'video', uri: 'https://meet.google.com/x' }] }
      : {}),
  },
});

/** Re-reads answering the given states in turn, recording the order of pauses and reads. */
function rereads(states: string[]) {
  const log: string[] = [];
  let n = 0;
  return {
    log,
    reread: () => {
      log.push('read');
      const state = states[n] ?? 'pending';
      n++;
      return Promise.resolve(event(state, n));
    },
    pause: () => {
      log.push('pause');
      return Promise.resolve();
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('settledConference', () => {
  it('reads nothing more when the first answer already has the conference', async () => {
    const r = rereads([]);
    const first = event('success');
    await expect(settledConference(first, r.reread, r.pause)).resolves.toBe(first);
    expect(r.log).toEqual([]);
  });

  it('re-reads after a pause each time until the conference is there, and answers that read', async () => {
    const r = rereads(['pending', 'pending', 'success']);
    const settled = await settledConference(event('pending'), r.reread, r.pause);
    expect(settled.id).toBe('tvevent3');
    expect(r.log).toEqual(['pause', 'read', 'pause', 'read', 'pause', 'read']);
  });

  it(`settles on the last allowed re-read (${SETTLE_REREADS})`, async () => {
    const r = rereads([...Array<string>(SETTLE_REREADS - 1).fill('pending'), 'success']);
    await expect(settledConference(event('pending'), r.reread, r.pause)).resolves.toMatchObject({
      id: `tvevent${SETTLE_REREADS}`,
    });
  });

  it('gives up after the allowed re-reads with the retryable conference_pending', async () => {
    const r = rereads(Array<string>(10).fill('pending'));
    const error = await failureOf(settledConference(event('pending'), r.reread, r.pause));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'conference_pending', retryAt: undefined });
    expect(r.log.filter((entry) => entry === 'read')).toHaveLength(SETTLE_REREADS);
    expect(SETTLE_REREADS).toBe(4);
  });

  it('answers conference_failed when Google failed to create it, first or on a re-read', async () => {
    const first = rereads([]);
    expect(await failureOf(settledConference(event('failure'), first.reread, first.pause))).toMatchObject({
      code: 'conference_failed',
    });
    expect(first.log).toEqual([]);
    const later = rereads(['pending', 'failure', 'success']);
    expect(await failureOf(settledConference(event('pending'), later.reread, later.pause))).toMatchObject({
      code: 'conference_failed',
    });
    expect(later.log.filter((entry) => entry === 'read')).toHaveLength(2);
  });

  it('passes a failed re-read on (the caller says what it means)', async () => {
    const gone = new VideoProviderError('meeting_not_found', 'gone');
    const error = await failureOf(
      settledConference(
        event('pending'),
        () => Promise.reject(gone),
        () => Promise.resolve(),
      ),
    );
    expect(error).toBe(gone);
  });
});
