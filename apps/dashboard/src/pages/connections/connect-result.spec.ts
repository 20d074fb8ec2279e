import { describe, expect, it } from '@jest/globals';
import { describeConnectResult, withoutConnectResult } from './connect-result';

const from = (query: string) => describeConnectResult(new URLSearchParams(query));

describe('describeConnectResult', () => {
  it('is null when the URL carries no outcome', () => {
    expect(from('')).toBeNull();
    expect(from('vendor=zoom')).toBeNull();
    expect(from('page=2')).toBeNull();
  });

  it('says which service was connected', () => {
    expect(from('vendor=zoom&result=connected')).toEqual({
      kind: 'success',
      vendor: 'zoom',
      title: 'Zoom is connected',
      message: 'televisit can now create Zoom meetings for the visits you host.',
    });
    expect(from('vendor=google&result=connected')).toMatchObject({
      kind: 'success',
      title: 'Google Meet is connected',
    });
  });

  it.each([
    ['access_denied', 'zoom', /declined on Zoom’s consent page/],
    [
      'state_invalid',
      'zoom',
      /used twice, expired after 10 minutes, or was finished in another browser session/,
    ],
    ['session_required', 'google', /signed out of televisit before Google Meet sent you back/],
    ['exchange_failed', 'zoom', /Zoom didn’t answer as expected[\s\S]*Try again later/],
    ['vendor_error', 'google', /Google Meet didn’t answer as expected[\s\S]*Try again later/],
    ['invalid_callback', 'zoom', /answer from Zoom was incomplete[\s\S]*Start again/],
    ['unknown_vendor', 'zoom', /does not connect to that service/],
  ])('explains %s', (code, vendor, message) => {
    const result = from(`vendor=${vendor}&error=${code}`);
    expect(result?.kind).toBe('error');
    expect(result?.message).toMatch(message);
  });

  it('tells Google users to leave “calendar events” ticked when that scope was unticked', () => {
    const result = from('vendor=google&error=missing_scope');
    expect(result).toMatchObject({
      kind: 'error',
      title: 'Google Meet needs access to your calendar events',
    });
    expect(result?.message).toContain('leave “calendar events” ticked');
  });

  it('asks for every permission when another vendor is missing a scope', () => {
    expect(from('vendor=zoom&error=missing_scope')?.message).toMatch(/Zoom didn’t grant every permission/);
  });

  it('prefers the error when both are present', () => {
    expect(from('vendor=zoom&result=connected&error=access_denied')?.kind).toBe('error');
  });

  it('never echoes an unknown vendor or a code that is not code-shaped', () => {
    const odd = from('vendor=<b>evil</b>&error=Call+us+at+555');
    expect(odd).toMatchObject({ kind: 'error', vendor: null, title: 'Connecting didn’t finish' });
    expect(JSON.stringify(odd)).not.toMatch(/evil|555/);
    expect(from('vendor=zoom&error=rate_limited')?.message).toContain('(code rate_limited)');
    expect(from('vendor=zoom&result=maybe')?.kind).toBe('error');
  });
});

describe('withoutConnectResult', () => {
  it('drops the callback’s parameters and keeps the rest', () => {
    const rest = withoutConnectResult(new URLSearchParams('vendor=zoom&error=access_denied&tab=2'));
    expect(rest.toString()).toBe('tab=2');
    expect(withoutConnectResult(new URLSearchParams('vendor=zoom&result=connected')).toString()).toBe('');
  });
});
