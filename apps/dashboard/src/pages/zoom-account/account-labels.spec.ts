import { describe, expect, it } from '@jest/globals';
import { describeAccountError } from './account-labels';

describe('describeAccountError', () => {
  it('explains credentials_rejected and shows other codes as sent', () => {
    expect(describeAccountError('credentials_rejected')).toMatch(/^Zoom refused the stored credentials/);
    expect(describeAccountError('timeout')).toBe('The last use of the stored credentials failed (timeout).');
  });
});
