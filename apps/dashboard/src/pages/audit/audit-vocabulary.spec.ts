import { describe, expect, it } from '@jest/globals';
import { clockTime, shortId, summarizeDetails } from './audit-vocabulary';

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
      { action: 'auth.login', details: { reason: 'something_new', attempt: 3 } },
      'Something new · attempt: 3',
    ],
  ] as const)('%j → %p', (event, expected) => {
    expect(summarizeDetails(event)).toBe(expected);
  });

  it('says how often a browser opened a patient link again, and when', () => {
    const first = '2026-12-01T14:50:05.000Z';
    const last = '2026-12-01T14:51:04.000Z';
    const details = { outcome: 'redirect', repeats: 2, firstRepeatAt: first, lastRepeatAt: last };
    expect(summarizeDetails({ action: 'join_link.used', details })).toBe(
      `Outcome: redirect · opened 2 more times, ${clockTime(first)}–${clockTime(last)}`,
    );
    expect(clockTime(first)).toMatch(/^\d{2}:\d{2}:05$/);
    expect(summarizeDetails({ action: 'join_link.used', details: { ...details, repeats: 1 } })).toContain(
      'opened 1 more time,',
    );
  });
});

describe('shortId', () => {
  it('keeps the first eight characters', () => {
    expect(shortId('5e2674f6-9a78-4ade-ad1e-b8a9cc191013')).toBe('5e2674f6');
    expect(shortId('abc')).toBe('abc');
  });
});
