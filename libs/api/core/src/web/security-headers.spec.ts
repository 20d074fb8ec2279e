import { securityHeaderSets } from './security-headers';

describe('securityHeaderSets', () => {
  it('pages get every header helmet sets, with the strict CSP; a redirect over http gets none of them', () => {
    const { page, redirect } = securityHeaderSets({ https: false });
    expect(page['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(page['Content-Security-Policy']).toContain("object-src 'none'");
    expect(page).toMatchObject({
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(page['Strict-Transport-Security']).toBeUndefined();
    expect(page['Content-Security-Policy']).not.toContain('upgrade-insecure-requests');
    expect(redirect).toEqual({});
  });

  it('over https both carry HSTS, and pages upgrade insecure requests', () => {
    const { page, redirect } = securityHeaderSets({ https: true });
    expect(page['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains');
    expect(page['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    expect(redirect).toEqual({ 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' });
  });
});
