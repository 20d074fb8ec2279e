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
    ['clinic_admin', '/audit', true],
    ['clinic_admin', '/clinics', false],
    ['clinic_admin', '/clinics/c1/users', false],
    ['provider', '/users', false],
    ['provider', '/audit', false],
    ['provider', '/profile', true],
    ['provider', '/status', true],
    ['provider', '/no/such/page', true],
  ] as const)('%s may open %s: %p', (role, path, expected) => {
    expect(canOpen(role, path)).toBe(expected);
  });
});

describe('afterSignIn', () => {
  it('returns to the requested page when the role may open it', () => {
    expect(afterSignIn('clinic_admin', { pathname: '/api-keys', search: '?x=1' })).toBe('/api-keys?x=1');
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
