import { describe, expect, it } from '@jest/globals';
import { afterSignIn, canOpen, homePath } from './access';

describe('canOpen', () => {
  it.each([
    ['platform_admin', '/clinics', true],
    ['platform_admin', '/clinics/c1/users', true],
    ['platform_admin', '/clinics/c1/audit', true],
    ['platform_admin', '/users', false],
    ['platform_admin', '/audit', true],
    ['clinic_admin', '/users', true],
    ['clinic_admin', '/api-keys', true],
    ['clinic_admin', '/zoom-account', true],
    ['provider', '/zoom-account', false],
    ['platform_admin', '/zoom-account', false],
    ['platform_admin', '/clinics/c1/zoom-account', true],
    ['clinic_admin', '/clinics/c1/zoom-account', false],
    ['clinic_admin', '/settings', true],
    ['provider', '/settings', false],
    ['platform_admin', '/settings', false],
    ['platform_admin', '/clinics/c1/settings', true],
    ['clinic_admin', '/clinics/c1/settings', false],
    ['clinic_admin', '/audit', true],
    ['clinic_admin', '/clinics', false],
    ['clinic_admin', '/clinics/c1/users', false],
    ['provider', '/users', false],
    ['provider', '/audit', false],
    ['provider', '/profile', true],
    ['provider', '/connections', true],
    ['clinic_admin', '/connections', false],
    ['platform_admin', '/connections', false],
    ['provider', '/status', true],
    ['provider', '/appointments', true],
    ['provider', '/appointments/new', true],
    ['provider', '/appointments/a1', true],
    ['clinic_admin', '/appointments', true],
    ['clinic_admin', '/appointments/a1', true],
    ['platform_admin', '/appointments', false],
    ['platform_admin', '/appointments/a1', false],
    ['platform_admin', '/clinics/c1/appointments', true],
    ['platform_admin', '/clinics/c1/appointments/new', true],
    ['platform_admin', '/clinics/c1/appointments/a1', true],
    ['clinic_admin', '/clinics/c1/appointments/a1', false],
    ['provider', '/no/such/page', true],
  ] as const)('%s may open %s: %p', (role, path, expected) => {
    expect(canOpen(role, path)).toBe(expected);
  });
});

describe('homePath', () => {
  it('starts a provider on their appointments, a clinic admin on users, a platform admin on clinics', () => {
    expect([homePath('provider'), homePath('clinic_admin'), homePath('platform_admin')]).toEqual([
      '/appointments',
      '/users',
      '/clinics',
    ]);
  });
});

describe('afterSignIn', () => {
  it('returns to the requested page when the role may open it', () => {
    expect(afterSignIn('clinic_admin', { pathname: '/api-keys', search: '?x=1' })).toBe('/api-keys?x=1');
  });

  it('brings a provider back to the vendor’s outcome after signing in again', () => {
    expect(
      afterSignIn('provider', { pathname: '/connections', search: '?vendor=zoom&error=session_required' }),
    ).toBe('/connections?vendor=zoom&error=session_required');
    expect(afterSignIn('clinic_admin', { pathname: '/connections', search: '' })).toBe('/users');
  });

  it('brings a provider back to the appointment they were looking at', () => {
    expect(afterSignIn('provider', { pathname: '/appointments/a1', search: '' })).toBe('/appointments/a1');
    expect(afterSignIn('platform_admin', { pathname: '/appointments/a1' })).toBe('/clinics');
  });

  it('goes to the role’s home otherwise', () => {
    expect(afterSignIn('provider', { pathname: '/users', search: '' })).toBe(homePath('provider'));
    expect(afterSignIn('clinic_admin', undefined)).toBe('/users');
    expect(afterSignIn('platform_admin', { pathname: '/login' })).toBe('/clinics');
    expect(afterSignIn('platform_admin', { pathname: '/' })).toBe('/clinics');
  });

  it('follows same-origin paths only', () => {
    expect(afterSignIn('clinic_admin', { pathname: '//evil.example/users' })).toBe('/users');
    expect(afterSignIn('clinic_admin', { pathname: 'https://evil.example' })).toBe('/users');
    expect(afterSignIn('clinic_admin', { pathname: 42 })).toBe('/users');
  });
});
