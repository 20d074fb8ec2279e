import type { Principal } from '@televisit/api-core';
import { admits, changesState } from './access-policy';

const user = (role: 'platform_admin' | 'clinic_admin' | 'provider'): Principal => ({
  kind: 'user',
  userId: 'u',
  email: 'u@x.test',
  role,
  clinicId: role === 'platform_admin' ? null : 'c',
  sessionId: 's',
});
const key = (...scopes: Array<'appointments:read' | 'appointments:write'>): Principal => ({
  kind: 'api_key',
  apiKeyId: 'k',
  clinicId: 'c',
  scopes,
});

describe('admits', () => {
  it('admits users by role only', () => {
    expect(admits({ roles: ['clinic_admin'] }, user('clinic_admin'))).toBe(true);
    expect(admits({ roles: ['clinic_admin'] }, user('provider'))).toBe(false);
    expect(admits({ scopes: ['appointments:read'] }, user('platform_admin'))).toBe(false);
  });

  it('admits API keys holding every declared scope, and never by default', () => {
    expect(admits({ scopes: ['appointments:read'] }, key('appointments:read'))).toBe(true);
    expect(admits({ scopes: ['appointments:read', 'appointments:write'] }, key('appointments:read'))).toBe(
      false,
    );
    expect(admits({ roles: ['clinic_admin'] }, key('appointments:read', 'appointments:write'))).toBe(false);
    expect(admits({ roles: ['clinic_admin'], scopes: [] }, key('appointments:read'))).toBe(false);
  });
});

describe('changesState', () => {
  it.each([
    ['GET', false],
    ['HEAD', false],
    ['options', false],
    ['POST', true],
    ['PATCH', true],
    ['PUT', true],
    ['DELETE', true],
  ])('%s → %s', (method, expected) => {
    expect(changesState(method)).toBe(expected);
  });
});
