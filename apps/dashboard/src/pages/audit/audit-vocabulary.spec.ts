import { describe, expect, it } from '@jest/globals';
import { shortId, summarizeDetails } from './audit-vocabulary';

describe('summarizeDetails', () => {
  it.each([
    [{ action: 'auth.login', details: {} }, null],
    [{ action: 'auth.login', details: { reason: 'wrong_password' } }, 'Wrong password'],
    [
      {
        action: 'access.denied',
        details: { method: 'GET', route: '/api/v1/clinics', reason: 'not_permitted' },
      },
      'GET /api/v1/clinics · not permitted for this role or key',
    ],
    [{ action: 'user.created', details: { role: 'provider' } }, 'Role: Provider'],
    [{ action: 'user.updated', details: { fields: 'disabled,zoomUser' } }, 'Changed: status, Zoom user'],
    [
      { action: 'api_key.created', details: { scopes: 'appointments:read,webhooks:manage' } },
      'Scopes: Read appointments, Manage webhooks',
    ],
    [
      {
        action: 'appointment.created',
        details: {
          videoProvider: 'zoom',
          providerId: 'bd4d9a56-fb6b-4837-8fb9-a9f58d868fed',
          external: false,
        },
      },
      'Zoom · provider bd4d9a56',
    ],
    [
      {
        action: 'appointment.created',
        details: { videoProvider: 'google_meet', providerId: 'p1', external: true },
      },
      'Google Meet · provider p1 · with the EHR’s own id',
    ],
    [
      {
        action: 'appointment.meeting_failed',
        details: { videoProvider: 'zoom', reason: 'zoom_not_connected' },
      },
      'Zoom · zoom not connected',
    ],
    [
      {
        action: 'connection.connected',
        details: { vendor: 'zoom', scopes: 'meeting:read meeting:write user:read' },
      },
      'Zoom · scopes: View meetings, Create and manage meetings, Your Zoom profile',
    ],
    [
      {
        action: 'connection.connect_failed',
        details: { vendor: 'google', reason: 'missing_scope', grantedScopes: 'openid email' },
      },
      'Google Meet · not every permission was granted · granted: Sign-in identity, Email address',
    ],
    [
      {
        action: 'connection.disconnected',
        details: { vendor: 'zoom', userId: 'bd4d9a56-fb6b-4837-8fb9-a9f58d868fed', revokedAtVendor: true },
      },
      'Zoom · user bd4d9a56 · access revoked at the vendor too',
    ],
    [
      {
        action: 'connection.needs_reauth',
        details: { vendor: 'zoom', userId: 'u1', reason: 'invalid_grant' },
      },
      'Zoom · the vendor stopped accepting televisit’s access · user u1',
    ],
    [
      { action: 'auth.login', details: { reason: 'something_new', attempt: 3 } },
      'Something new · attempt: 3',
    ],
  ] as const)('%j → %p', (event, expected) => {
    expect(summarizeDetails(event)).toBe(expected);
  });

  it.each([
    ['redirect', 'Sent to the meeting'],
    ['too_early', 'Before the visit window'],
    ['not_ready', 'Meeting not ready'],
    ['gone', 'Visit over or cancelled'],
    ['something_new', 'Something new'],
  ])('says what a patient link did: %s → %p', (outcome, expected) => {
    expect(summarizeDetails({ action: 'join_link.used', details: { outcome } })).toBe(expected);
  });

  it('says how often a browser opened a patient link again, and when', () => {
    const details = {
      outcome: 'redirect',
      repeats: 2,
      firstRepeatAt: '2026-12-01T14:50:05.000Z',
      lastRepeatAt: '2026-12-01T14:51:04.000Z',
    };
    const london = { locale: 'en-GB', timeZone: 'Europe/London' };
    expect(summarizeDetails({ action: 'join_link.used', details }, london)).toBe(
      'Sent to the meeting · opened 2 more times, 14:50:05 – 14:51:04 GMT',
    );
    const bogota = { locale: 'en-US', timeZone: 'America/Bogota' };
    expect(summarizeDetails({ action: 'join_link.used', details: { ...details, repeats: 1 } }, bogota)).toBe(
      'Sent to the meeting · opened 1 more time, 09:50:05 AM – 09:51:04 AM GMT-5',
    );
    const withinASecond = { ...details, lastRepeatAt: '2026-12-01T14:50:05.900Z' };
    expect(summarizeDetails({ action: 'join_link.used', details: withinASecond }, london)).toBe(
      'Sent to the meeting · opened 2 more times, at 14:50:05 GMT',
    );
    // The first hour after midnight has two digits, as in the time column (Chromium writes "0:10").
    const afterMidnight = {
      ...details,
      firstRepeatAt: '2026-12-01T00:10:05.000Z',
      lastRepeatAt: '2026-12-01T00:10:09.000Z',
    };
    expect(summarizeDetails({ action: 'join_link.used', details: afterMidnight }, london)).toBe(
      'Sent to the meeting · opened 2 more times, 00:10:05 – 00:10:09 GMT',
    );
  });
});

describe('shortId', () => {
  it('keeps the first eight characters', () => {
    expect(shortId('5e2674f6-9a78-4ade-ad1e-b8a9cc191013')).toBe('5e2674f6');
    expect(shortId('abc')).toBe('abc');
  });
});
