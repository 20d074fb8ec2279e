import { anEvent } from '../testing/audit-chain.fixture';
import { canonicalJson } from './canonical-json';
import { chainHash, type ChainedEvent, GENESIS_HASH } from './chain-hash';

describe('chainHash', () => {
  const event = anEvent(7, { details: { reason: 'bad_password', attempts: 3, locked: false, note: null } });

  it('is a sha256 hex digest, the same for the same input', () => {
    const hash = chainHash(GENESIS_HASH, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, anEvent(7, { details: { ...event.details } }))).toBe(hash);
    expect(chainHash(GENESIS_HASH, { ...event, occurredAt: new Date(event.occurredAt) })).toBe(hash);
  });

  it('depends on the previous hash', () => {
    expect(chainHash('f'.repeat(64), event)).not.toBe(chainHash(GENESIS_HASH, event));
  });

  const changes: Array<[keyof ChainedEvent, ChainedEvent[keyof ChainedEvent]]> = [
    ['seq', 8],
    ['id', '00000000-0000-4000-8000-999999999999'],
    ['occurredAt', new Date(event.occurredAt.getTime() + 1)],
    ['actorType', 'api_key'],
    ['actorId', 'user-2'],
    ['actorId', null],
    ['clinicId', 'clinic-b'],
    ['clinicId', null],
    ['action', 'auth.logout'],
    ['targetType', 'user'],
    ['targetId', 'user-9'],
    ['outcome', 'failure'],
    ['ip', '203.0.113.8'],
    ['ip', null],
    ['userAgent', 'curl/8'],
    ['requestId', 'req-other'],
    ['details', { reason: 'bad_password', attempts: 4, locked: false, note: null }],
    ['details', { reason: 'bad_password', attempts: 3, locked: false }],
    ['details', null],
  ];
  it.each(changes)('changes when %s changes (to %p)', (field, value) => {
    expect(chainHash(GENESIS_HASH, { ...event, [field]: value })).not.toBe(chainHash(GENESIS_HASH, event));
  });

  it('tells an empty string from null and a number from its text', () => {
    expect(chainHash(GENESIS_HASH, { ...event, ip: '' })).not.toBe(
      chainHash(GENESIS_HASH, { ...event, ip: null }),
    );
    const asNumber = chainHash(GENESIS_HASH, { ...event, details: { attempts: 3 } });
    expect(chainHash(GENESIS_HASH, { ...event, details: { attempts: '3' } })).not.toBe(asNumber);
  });

  it('does not care in which order the details keys were written', () => {
    const reordered = { note: null, locked: false, attempts: 3, reason: 'bad_password' };
    expect(chainHash(GENESIS_HASH, { ...event, details: reordered })).toBe(chainHash(GENESIS_HASH, event));
  });

  it('does not let one field bleed into the next', () => {
    const a = { ...event, actorId: 'ab', clinicId: 'c' };
    const b = { ...event, actorId: 'a', clinicId: 'bc' };
    expect(chainHash(GENESIS_HASH, a)).not.toBe(chainHash(GENESIS_HASH, b));
  });

  it('still hashes (differently) a stored time that is no date', () => {
    expect(chainHash(GENESIS_HASH, { ...event, occurredAt: new Date('garbage') })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it('refuses what JSON cannot carry faithfully', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson(new Date())).toThrow(TypeError);
  });
});
