import { missingZoomScopes } from './zoom-scopes';

describe('Zoom scopes a connection needs', () => {
  it('accepts the classic scopes', () => {
    expect(missingZoomScopes(['user:read', 'meeting:write', 'meeting:read'])).toEqual([]);
  });

  it('accepts the granular scopes of newer Zoom apps, and admin variants', () => {
    expect(
      missingZoomScopes([
        'user:read:user',
        'meeting:write:meeting',
        'meeting:update:meeting:admin',
        'meeting:delete:meeting',
        'meeting:read:meeting',
        'meeting:read:list_meetings',
      ]),
    ).toEqual([]);
  });

  it('names what is missing, by its classic name', () => {
    expect(missingZoomScopes(['user:read'])).toEqual(['meeting:write', 'meeting:read']);
    // Granular write without delete does not allow cancelling a visit.
    expect(
      missingZoomScopes(['user:read', 'meeting:read', 'meeting:write:meeting', 'meeting:update:meeting']),
    ).toEqual(['meeting:write']);
    expect(missingZoomScopes([])).toEqual(['user:read', 'meeting:write', 'meeting:read']);
  });
});
