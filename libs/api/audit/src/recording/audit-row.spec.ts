import type { Principal } from '@televisit/api-core';
import type { AuditInput } from './audit-input';
import { AuditInputError } from './audit-input.error';
import { buildAuditRow } from './audit-row';

const at = new Date('2026-03-01T10:00:00.123Z');
const input = (overrides: Partial<AuditInput> = {}): AuditInput => ({
  actor: { kind: 'system' },
  clinicId: 'clinic-a',
  action: 'user.created',
  outcome: 'success',
  ...overrides,
});
const build = (overrides: Partial<AuditInput> = {}) => buildAuditRow(input(overrides), 'event-1', at);

describe('buildAuditRow', () => {
  const user: Principal = {
    kind: 'user',
    userId: 'u-1',
    email: 'a@b.c',
    role: 'clinic_admin',
    clinicId: 'clinic-a',
    sessionId: 's',
  };
  const apiKey: Principal = { kind: 'api_key', apiKeyId: 'k-1', clinicId: 'clinic-a', scopes: [] };

  it.each([
    [user, 'user', 'u-1'],
    [apiKey, 'api_key', 'k-1'],
    [{ kind: 'user_id', userId: 'u-2' } as const, 'user', 'u-2'],
    [{ kind: 'system' } as const, 'system', null],
    [{ kind: 'anonymous' } as const, 'anonymous', null],
  ])('maps actor %o to %s %s', (actor, actorType, actorId) => {
    expect(build({ actor })).toMatchObject({ actorType, actorId });
  });

  it('fills every column, with nulls for what is missing', () => {
    expect(build()).toEqual({
      id: 'event-1',
      occurredAt: at,
      actorType: 'system',
      actorId: null,
      clinicId: 'clinic-a',
      action: 'user.created',
      targetType: null,
      targetId: null,
      outcome: 'success',
      ip: null,
      userAgent: null,
      requestId: null,
      details: null,
    });
    const full = build({
      target: { type: 'user', id: 'u-9' },
      meta: { ip: '::1', userAgent: 'UA', requestId: 'r-1' },
      details: { role: 'provider' },
    });
    expect(full).toMatchObject({
      targetType: 'user',
      targetId: 'u-9',
      ip: '::1',
      userAgent: 'UA',
      requestId: 'r-1',
      details: { role: 'provider' },
    });
  });

  it('cuts user agents to 255 characters without splitting a character', () => {
    const long = `${'a'.repeat(254)}😀😀`;
    const cut = build({ meta: { ip: null, userAgent: long, requestId: null } }).userAgent as string;
    expect([...cut]).toHaveLength(255);
    expect(cut.endsWith('a😀')).toBe(true);
    expect(build({ meta: { ip: null, userAgent: `x\uD800y`, requestId: null } }).userAgent).toBe('x\uFFFDy');
  });

  it.each([
    'password',
    'newPassword',
    'csrfToken',
    'refresh_token',
    'clientSecret',
    'passcode',
    'apiKey',
    'Authorization',
  ])('refuses a details key named %s', (key) => {
    expect(() => build({ details: { [key]: 'x' } })).toThrow(AuditInputError);
  });

  it('keeps ids and flags in details, treats {} as none, and bounds them', () => {
    expect(
      build({
        details: {
          apiKeyId: 'k-1',
          prefix: 'tvk_ab',
          reason: 'bad_password',
          count: 2,
          locked: true,
          note: null,
        },
      }).details,
    ).toEqual({
      apiKeyId: 'k-1',
      prefix: 'tvk_ab',
      reason: 'bad_password',
      count: 2,
      locked: true,
      note: null,
    });
    expect(build({ details: {} }).details).toBeNull();
    expect(() => build({ details: { reason: 'x'.repeat(501) } })).toThrow(AuditInputError);
    expect(() => build({ details: { 'bad key': 1 } })).toThrow(AuditInputError);
    expect(() => build({ details: { n: Number.POSITIVE_INFINITY } })).toThrow(AuditInputError);
    expect(() => build({ details: { nested: { a: 1 } as never } })).toThrow(AuditInputError);
  });

  it('refuses ids that do not fit their columns, and unknown actions', () => {
    expect(() => build({ clinicId: 'c'.repeat(37) })).toThrow(AuditInputError);
    expect(() => build({ target: { type: 'user', id: '' } })).toThrow(AuditInputError);
    expect(() => build({ target: { type: 't'.repeat(33), id: 'x' } })).toThrow(AuditInputError);
    expect(() => build({ action: 'nope' as never })).toThrow(AuditInputError);
  });
});
