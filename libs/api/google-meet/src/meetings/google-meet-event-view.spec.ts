import { VideoProviderError } from '@televisit/api-mapping';
import type { CalendarEvent } from './google-meet-event-body';
import {
  conferenceState,
  isCancelled,
  meetingSettings,
  toVendorMeeting,
  videoLink,
} from './google-meet-event-view';

const MEET = 'https://meet.google.com/abc-defg-hij';
const HOST = { hostAccountId: '104893412345678901234', hostedBy: 'provider' as const };

/** An event as Google answers it once the Meet conference exists (phone entry point first on purpose). */
function settledEvent(overrides: CalendarEvent = {}): CalendarEvent {
  return {
    kind: 'calendar#event',
    id: 'tv3f2504e04f8941d39a0c0305e82c3301',
    status: 'confirmed',
    summary: 'Video visit',
    visibility: 'private',
    guestsCanInviteOthers: false,
    guestsCanSeeOtherGuests: false,
    conferenceData: {
      createRequest: {
        requestId: 'tv-3f2504e0',
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'success' },
      },
      entryPoints: [
        { entryPointType: 'phone', uri: 'tel:+1-555-010-0100', pin: '123456789' },
        { entryPointType: 'more', uri: 'https://tel.meet/abc-defg-hij?pin=1' },
        { entryPointType: 'video', uri: MEET, label: 'meet.google.com/abc-defg-hij' },
      ],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
      conferenceId: 'abc-defg-hij',
    },
    hangoutLink: MEET,
    ...overrides,
  };
}

function pendingEvent(): CalendarEvent {
  return settledEvent({
    conferenceData: {
      createRequest: {
        requestId: 'tv-3f2504e0',
        conferenceSolutionKey: { type: 'hangoutsMeet' },
        status: { statusCode: 'pending' },
      },
    },
    hangoutLink: undefined,
  });
}

describe('conferenceState', () => {
  it('reads the create request’s status', () => {
    expect(conferenceState(settledEvent())).toBe('success');
    expect(conferenceState(pendingEvent())).toBe('pending');
    const failed = pendingEvent();
    (failed.conferenceData?.createRequest?.status ?? {}).statusCode = 'failure';
    expect(conferenceState(failed)).toBe('failure');
  });

  it('counts conference data without a create request as there when it has entry points', () => {
    expect(
      conferenceState({ conferenceData: { entryPoints: [{ entryPointType: 'video', uri: MEET }] } }),
    ).toBe('success');
    expect(conferenceState({ conferenceData: {} })).toBe('none');
    expect(conferenceState({})).toBe('none');
  });
});

describe('videoLink', () => {
  it('is the video entry point, wherever it is in the list', () => {
    expect(videoLink(settledEvent())).toBe(MEET);
  });

  it('is undefined while pending, without a video entry point, or with an empty uri', () => {
    expect(videoLink(pendingEvent())).toBeUndefined();
    expect(
      videoLink({ conferenceData: { entryPoints: [{ entryPointType: 'more', uri: 'https://tel.meet/x' }] } }),
    ).toBeUndefined();
    expect(
      videoLink({ conferenceData: { entryPoints: [{ entryPointType: 'video', uri: '' }] } }),
    ).toBeUndefined();
  });
});

describe('isCancelled', () => {
  it('is true only for a deleted (cancelled) event', () => {
    expect(isCancelled(settledEvent({ status: 'cancelled' }))).toBe(true);
    expect(isCancelled(settledEvent())).toBe(false);
    expect(isCancelled(settledEvent({ status: 'tentative' }))).toBe(false);
  });
});

describe('meetingSettings', () => {
  it('reports what Google answered', () => {
    expect(meetingSettings(settledEvent({ guestsCanModify: false }))).toEqual({
      visibility: 'private',
      guestsCanInviteOthers: false,
      guestsCanSeeOtherGuests: false,
      guestsCanModify: false,
      conferenceSolution: 'hangoutsMeet',
      conferenceStatus: 'success',
    });
  });

  it('reads a field Google left out as its documented default, so a dropped setting shows', () => {
    const bare = settledEvent();
    delete bare.visibility;
    delete bare.guestsCanInviteOthers;
    delete bare.guestsCanSeeOtherGuests;
    expect(meetingSettings(bare)).toMatchObject({
      visibility: 'default',
      guestsCanInviteOthers: true,
      guestsCanSeeOtherGuests: true,
      guestsCanModify: false,
    });
    expect(meetingSettings(settledEvent({ guestsCanModify: true, visibility: 'public' }))).toMatchObject({
      visibility: 'public',
      guestsCanModify: true,
    });
  });

  it('takes the solution from the create request while there is no conference solution yet', () => {
    expect(meetingSettings(pendingEvent())).toMatchObject({
      conferenceSolution: 'hangoutsMeet',
      conferenceStatus: 'pending',
    });
    expect(meetingSettings({})).toMatchObject({ conferenceSolution: null, conferenceStatus: 'none' });
  });
});

describe('toVendorMeeting', () => {
  it('keeps the event id, the Meet link, the given host and Google’s settings; no passcode', () => {
    expect(toVendorMeeting(settledEvent(), HOST)).toEqual({
      vendorMeetingId: 'tv3f2504e04f8941d39a0c0305e82c3301',
      vendorMeetingUuid: null,
      hostAccountId: HOST.hostAccountId,
      hostedBy: 'provider',
      joinUrl: MEET,
      passcode: null,
      settings: meetingSettings(settledEvent()),
    });
  });

  it('keeps the Meet code only inside the join URL (sealed), never in a clear field', () => {
    const meeting = toVendorMeeting(settledEvent(), HOST);
    const { joinUrl: _sealed, ...clear } = meeting;
    expect(JSON.stringify(clear)).not.toContain('abc-defg-hij');
  });

  it('refuses an event without a Meet link (conference_missing) or without an id', () => {
    const error = (() => {
      try {
        toVendorMeeting(pendingEvent(), HOST);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: 'conference_missing' });
    expect(() => toVendorMeeting(settledEvent({ id: undefined }), HOST)).toThrow(/without an id/);
  });
});
