import { describe, expect, it } from '@jest/globals';
import {
  type Appointment,
  describeMeeting,
  failureReason,
  failureTitle,
  formatDuration,
  nextStep,
  personToFix,
  pollInterval,
} from './meeting-wording';

type Meeting = Appointment['meeting'];

const meeting = (status: Meeting['status'], lastError: string | null = null): Meeting => ({
  status,
  lastError,
  vendorMeetingId: status === 'ready' ? '81234567890' : null,
});

const appointment = (m: Meeting, status: Appointment['status'] = 'scheduled'): Appointment => ({
  id: 'a1',
  clinicId: 'c1',
  externalId: null,
  providerId: 'p1',
  startTime: '2026-11-23T14:30:00+01:00',
  durationMinutes: 30,
  timezone: 'Europe/Berlin',
  status,
  videoProvider: 'zoom',
  title: 'Video visit',
  patient: { displayName: 'Pat', email: null },
  meeting: m,
  patientJoinUrl: 'http://localhost/join/x',
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
});

describe('describeMeeting', () => {
  it('shows a pending meeting as being prepared, with the reason it is waiting if any', () => {
    expect(describeMeeting(appointment(meeting('pending')))).toEqual({
      label: 'Preparing',
      color: 'blue',
      busy: true,
      reason: null,
    });
    expect(describeMeeting(appointment(meeting('pending', 'rate_limited'))).reason).toBe(
      'Zoom’s daily limit for creating meetings was reached. televisit tries again when it resets.',
    );
  });

  it('says ready and cancelled without a reason', () => {
    expect(describeMeeting(appointment(meeting('ready')))).toMatchObject({ label: 'Ready', reason: null });
    expect(describeMeeting(appointment(meeting('cancelled'), 'cancelled'))).toMatchObject({
      label: 'Cancelled',
      busy: false,
    });
  });

  it('gives a failed meeting its reason in words', () => {
    expect(describeMeeting(appointment(meeting('failed', 'zoom_not_connected')))).toEqual({
      label: 'Failed',
      color: 'red',
      busy: false,
      reason: 'The provider hasn’t connected Zoom, and the clinic’s Zoom account has no Zoom user for them.',
    });
    expect(describeMeeting({ ...appointment(meeting('failed')), videoProvider: 'google_meet' }).reason).toBe(
      'The Google Meet meeting couldn’t be created.',
    );
  });

  it('shows the meeting of a cancelled appointment as being deleted until it is', () => {
    expect(describeMeeting(appointment(meeting('ready'), 'cancelled'))).toMatchObject({
      label: 'Deleting',
      busy: true,
    });
  });
});

describe('failureReason', () => {
  it.each([
    ['connection_needs_reauth', 'zoom', /^Zoom stopped accepting the provider’s connection/],
    ['not_connected', 'google_meet', /^The provider hasn’t connected Google Meet\.$/],
    ['google_not_connected', 'google_meet', /^The provider hasn’t connected their Google account/],
    ['zoom_user_not_found', 'zoom', /no longer exists on the clinic’s Zoom account/],
    ['host_not_connected', 'zoom', /provider’s own Zoom account, which is no longer connected/],
    [
      'connection_not_offered',
      'zoom',
      /no longer offers Zoom connections.*own Zoom connection can’t be used\.$/,
    ],
    ['video_provider_unavailable', 'google_meet', /^Google Meet meetings aren’t available/],
    ['meeting_not_found', 'zoom', /deleted in Zoom/],
    ['meeting_deleted_at_vendor', 'zoom', /^Zoom reports that the meeting was deleted there\.$/],
    ['vendor_error', 'zoom', /tries again shortly/],
    ['vendor_refused', 'zoom', /^Zoom refused televisit’s request.*host’s Zoom account forbids it\.$/],
    ['meeting_in_progress', 'zoom', /^The Zoom meeting is under way/],
    ['conference_failed', 'google_meet', /couldn’t add a Meet video call/],
    ['conference_missing', 'google_meet', /removed from the event in Google Calendar/],
    ['moved_at_vendor_repeatedly', 'google_meet', /keeps being moved in Google Meet.*link still works\.$/],
    ['quota_exploded', 'zoom', /\(code quota_exploded\)\.$/],
  ] as const)('%s', (code, vendor, expected) => {
    expect(failureReason(code, vendor)).toMatch(expected);
  });
});

describe('personToFix', () => {
  it('words a refusal a person must fix like a failed meeting, with what to do', () => {
    expect(personToFix('host_not_connected', 'google_meet', 'provider')).toEqual({
      reason: failureReason('host_not_connected', 'google_meet'),
      step: nextStep('host_not_connected', 'provider'),
    });
    expect(personToFix('connection_not_offered', 'zoom', 'admin')?.step.page).toBeUndefined();
  });

  it('leaves anything else to the API’s own words', () => {
    expect(personToFix('rate_limited', 'zoom', 'provider')).toBeNull();
    expect(personToFix('meeting_not_ready', 'zoom', 'provider')).toBeNull();
    expect(personToFix(undefined, 'zoom', 'provider')).toBeNull();
  });
});

describe('nextStep', () => {
  it('sends a provider without Zoom to Connections, and an admin to the Zoom account page', () => {
    expect(nextStep('zoom_not_connected', 'provider')).toEqual({
      text: 'Connect Zoom on the Connections page.',
      page: 'connections',
      linkLabel: 'Go to Connections',
    });
    expect(nextStep('zoom_not_connected', 'admin')).toMatchObject({
      text: expect.stringContaining('Map this provider to a Zoom user on the Zoom account page'),
      page: 'zoom-account',
    });
  });

  it('sends a provider without Google to Connections, and tells an admin whom to ask', () => {
    expect(nextStep('google_not_connected', 'provider')).toMatchObject({
      text: expect.stringContaining('Connect Google on the Connections page'),
      page: 'connections',
    });
    expect(nextStep('google_not_connected', 'admin')).toEqual({
      text: 'Ask the provider to connect Google on their Connections page.',
    });
  });

  it('links only to pages the viewer may open', () => {
    expect(nextStep('connection_needs_reauth', 'admin').page).toBeUndefined();
    expect(nextStep('connection_needs_reauth', 'provider').page).toBe('connections');
    expect(nextStep('zoom_user_not_found', 'provider').page).toBeUndefined();
    expect(nextStep('zoom_user_not_found', 'admin').page).toBe('zoom-account');
    expect(nextStep('host_not_connected', 'provider')).toMatchObject({
      text: expect.stringContaining('Connect the same account again'),
      page: 'connections',
    });
    expect(nextStep('host_not_connected', 'admin').page).toBeUndefined();
    expect(nextStep('connection_not_offered', 'provider')).toMatchObject({
      text: expect.stringMatching(/^Ask whoever runs televisit.*Or disconnect it on the Connections page/),
      page: 'connections',
    });
    expect(nextStep('connection_not_offered', 'admin')).toEqual({
      text: expect.stringMatching(/^Ask whoever runs televisit.*ask the provider to disconnect it/),
    });
  });

  it('asks for a new booking when the meeting is gone, and for patience otherwise', () => {
    expect(nextStep('meeting_not_found', 'admin').text).toMatch(/book it again/);
    expect(nextStep('vendor_error', 'provider').text).toMatch(/keeps trying/);
    expect(nextStep('conference_missing', 'admin').text).toMatch(/book it again/);
    expect(nextStep('conference_failed', 'provider').text).toMatch(/asks Google for the Meet again/);
    expect(nextStep('vendor_refused', 'admin').text).toMatch(/account settings and plan/);
    expect(nextStep(null, 'provider').text).toMatch(/keeps trying/);
  });
});

describe('a meeting under way when the appointment moved', () => {
  it('is ready, and says it moves once the visit is over', () => {
    expect(describeMeeting(appointment(meeting('ready', 'meeting_in_progress')))).toMatchObject({
      label: 'Ready',
      reason: expect.stringMatching(/under way.*once it has ended/),
    });
    expect(describeMeeting(appointment(meeting('ready', 'vendor_error'))).reason).toBeNull();
  });
});

describe('a meeting left where the vendor moved it', () => {
  it('is ready, with the reason and what to do about it', () => {
    const left = appointment(meeting('ready', 'moved_at_vendor_repeatedly'));
    expect(describeMeeting(left)).toMatchObject({
      label: 'Ready',
      reason: expect.stringMatching(/moved it back three times/),
    });
    expect(nextStep('moved_at_vendor_repeatedly', 'admin').text).toMatch(/reschedule the appointment/);
    expect(describeMeeting(appointment(meeting('ready', 'rate_limited'))).reason).toBeNull();
  });
});

describe('pollInterval', () => {
  it('asks every 2 s while a meeting is being created, slower while one is retried, never otherwise', () => {
    expect(pollInterval([appointment(meeting('ready')), appointment(meeting('pending'))])).toBe(2_000);
    expect(pollInterval([appointment(meeting('pending', 'rate_limited'))])).toBe(15_000);
    expect(
      pollInterval([appointment(meeting('ready')), appointment(meeting('failed', 'meeting_not_found'))]),
    ).toBe(false);
    expect(pollInterval([])).toBe(false);
  });

  it('asks slowly while a meeting waits for a person, who may fix it elsewhere, and not once it is gone', () => {
    expect(pollInterval([appointment(meeting('failed', 'host_not_connected'))])).toBe(15_000);
    expect(pollInterval([appointment(meeting('failed', 'zoom_not_connected'))])).toBe(15_000);
    expect(pollInterval([appointment(meeting('failed', 'meeting_deleted_at_vendor'))])).toBe(false);
    expect(pollInterval([appointment(meeting('failed', 'video_provider_unavailable'))])).toBe(false);
    expect(pollInterval([appointment(meeting('failed', 'zoom_not_connected'), 'completed')])).toBe(false);
  });

  it('keeps asking until the meeting of a cancelled appointment is deleted', () => {
    expect(pollInterval([appointment(meeting('ready'), 'cancelled')])).toBe(2_000);
    expect(pollInterval([appointment(meeting('cancelled'), 'cancelled')])).toBe(false);
    expect(pollInterval([appointment(meeting('failed', 'zoom_not_connected'), 'cancelled')])).toBe(15_000);
  });
});

describe('failureTitle', () => {
  it('says whether the meeting was never made, is gone, or is out of reach', () => {
    expect(failureTitle(appointment(meeting('failed', 'zoom_not_connected')))).toBe(
      'The Zoom meeting couldn’t be created',
    );
    expect(
      failureTitle(appointment({ ...meeting('failed', 'host_not_connected'), vendorMeetingId: '9123' })),
    ).toBe('televisit can’t keep the Zoom meeting up to date');
    for (const gone of ['meeting_not_found', 'meeting_deleted_at_vendor']) {
      expect(failureTitle(appointment({ ...meeting('failed', gone), vendorMeetingId: '9123' }))).toBe(
        'The Zoom meeting is gone',
      );
    }
  });
});

describe('formatDuration', () => {
  it.each([
    [5, '5 min'],
    [30, '30 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [480, '8 h'],
  ])('%p → %p', (minutes, expected) => {
    expect(formatDuration(minutes)).toBe(expected);
  });
});
