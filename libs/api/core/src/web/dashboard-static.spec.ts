import { isApiPath } from './dashboard-static';

describe('isApiPath', () => {
  it.each([
    ['/api', true],
    ['/api/v1/appointments', true],
    ['/api/docs', true],
    ['/join/abc', true],
    ['/healthz', true],
    ['/readyz', true],
    ['/metrics', true],
    ['/sandbox/zoom/oauth/authorize', true],
    ['/', false],
    ['/status', false],
    ['/apiary', false],
    ['/joinus', false],
    ['/appointments/123', false],
  ])('%s → %s', (path, expected) => {
    expect(isApiPath(path)).toBe(expected);
  });
});
