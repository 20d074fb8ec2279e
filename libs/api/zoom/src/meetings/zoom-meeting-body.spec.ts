import type { MeetingSpec } from '@televisit/api-mapping';
import {
  createMeetingBody,
  meetingPasscode,
  PASSCODE_LENGTH,
  toVendorMeeting,
  zoomStartTime,
} from './zoom-meeting-body';
import { bothForms } from './zoom-video-provider';

const spec: MeetingSpec = {
  appointmentId: 'appt-1',
  marker: 'tv-7f3a9c',
  topic: 'Video visit',
  startTime: new Date('2030-05-06T07:08:09.123Z'),
  durationMinutes: 30,
  timezone: 'Europe/Berlin',
  requireAuthentication: false,
};

describe('Zoom meeting bodies', () => {
  it('writes start_time as yyyy-MM-ddTHH:mm:ssZ in UTC, without milliseconds', () => {
    expect(zoomStartTime(spec.startTime)).toBe('2030-05-06T07:08:09Z');
    expect(zoomStartTime(new Date('2030-01-01T00:00:00+02:00'))).toBe('2029-12-31T22:00:00Z');
    expect(() => zoomStartTime(new Date('nope'))).toThrow(RangeError);
  });

  it('makes passcodes within Zoom rules: 10 letters and digits, mixed, and not repeated', () => {
    const codes = Array.from({ length: 500 }, () => meetingPasscode());
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9]{10}$/);
      expect(code).toMatch(/[a-z]/);
      expect(code).toMatch(/[A-Z]/);
      expect(code).toMatch(/\d/);
    }
    expect(PASSCODE_LENGTH).toBeLessThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('sends every privacy setting explicitly and the marker as agenda, no PHI beyond the spec', () => {
    expect(createMeetingBody(spec, 'Abcdef1234')).toEqual({
      type: 2,
      topic: 'Video visit',
      start_time: '2030-05-06T07:08:09Z',
      duration: 30,
      timezone: 'Europe/Berlin',
      agenda: 'tv-7f3a9c',
      password: 'Abcdef1234',
      settings: {
        waiting_room: true,
        join_before_host: false,
        mute_upon_entry: true,
        auto_recording: 'none',
        meeting_authentication: false,
        approval_type: 2,
        use_pmi: false,
      },
    });
    expect(createMeetingBody({ ...spec, requireAuthentication: true }, 'x').settings).toMatchObject({
      meeting_authentication: true,
    });
  });

  it('keeps what Zoom answered and never the start URL', () => {
    const meeting = toVendorMeeting(
      {
        id: 81234567890,
        uuid: 'aB+/c==',
        host_id: 'zoom-user-1',
        join_url: 'https://zoom.example/j/81234567890?pwd=x',
        start_url: 'https://zoom.example/s/81234567890?zak=secret',
        password: 'Zoom4Chose',
        settings: { waiting_room: true, encryption_type: 'enhanced_encryption' },
      },
      'clinic',
    );
    expect(meeting).toEqual({
      vendorMeetingId: '81234567890',
      vendorMeetingUuid: 'aB+/c==',
      hostAccountId: 'zoom-user-1',
      hostedBy: 'clinic',
      joinUrl: 'https://zoom.example/j/81234567890?pwd=x',
      passcode: 'Zoom4Chose',
      settings: { waiting_room: true, encryption_type: 'enhanced_encryption' },
    });
    expect(JSON.stringify(meeting)).not.toContain('zak');
    expect(() => toVendorMeeting({ id: 1 }, 'provider')).toThrow(/without id, join_url or host_id/);
  });

  it('redacts a value both as written and percent-encoded', () => {
    expect(bothForms('dr@clinic.test')).toEqual(['dr@clinic.test', 'dr%40clinic.test']);
    expect(bothForms('81234567890')).toEqual(['81234567890']);
  });
});
