import { cleanDetails, parseDetails } from './timeline-kinds';

describe('timeline details', () => {
  it('keeps roles, counts and flags only', () => {
    expect(
      cleanDetails({
        role: 'host',
        participants: 2,
        deletedBy: 'vendor',
        name: 'Jane Patient',
        email: 'jane@example.test',
      }),
    ).toEqual({ role: 'host', participants: 2, deletedBy: 'vendor' });
  });

  it('drops values outside the vocabulary', () => {
    expect(cleanDetails({ role: 'owner', participants: 1.5, deletedBy: 'someone' })).toEqual({});
    expect(cleanDetails({ participants: -3 })).toEqual({ participants: 0 });
    expect(cleanDetails(null)).toEqual({});
    expect(cleanDetails('role')).toEqual({});
  });

  it('reads stored JSON, and nothing from a broken row', () => {
    expect(parseDetails('{"role":"guest","participants":1}')).toEqual({ role: 'guest', participants: 1 });
    expect(parseDetails(null)).toEqual({});
    expect(parseDetails('{not json')).toEqual({});
  });
});
