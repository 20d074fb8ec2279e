import { describe, expect, it } from '@jest/globals';
import { accountName, describeLastError, isKnownVendor, scopeLabels, vendorName } from './vendor-labels';

describe('vendor labels', () => {
  it('names the vendors the way providers know them', () => {
    expect(vendorName('zoom')).toBe('Zoom');
    expect(vendorName('google')).toBe('Google Meet');
    expect(vendorName('webex')).toBe('webex');
    expect(accountName('google')).toBe('Google');
    expect(accountName('webex')).toBe('webex');
    expect(isKnownVendor('google')).toBe(true);
    expect(isKnownVendor('toString')).toBe(false);
    expect(isKnownVendor(null)).toBe(false);
  });

  it('puts scopes in words, once each, and keeps unknown ones as sent', () => {
    expect(
      scopeLabels([
        'openid',
        'email',
        'https://www.googleapis.com/auth/userinfo.email',
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/drive',
      ]),
    ).toEqual([
      'Sign-in identity',
      'Email address',
      'Calendar events',
      'https://www.googleapis.com/auth/drive',
    ]);
  });

  it('explains invalid_grant and shows other errors as their code', () => {
    expect(describeLastError('zoom', 'invalid_grant')).toBe(
      'Zoom stopped accepting televisit’s access (it was revoked or expired).',
    );
    expect(describeLastError('google', 'invalid_grant')).toMatch(/^Google stopped accepting/);
    expect(describeLastError('google', 'timeout')).toBe('The last attempt failed (timeout).');
  });
});
