import { newLeaseOwner } from './lease-owner';

describe('newLeaseOwner', () => {
  it('names the host, the pid and a random part', () => {
    expect(newLeaseOwner('clinic-api-1')).toMatch(new RegExp(`^clinic-api-1:${process.pid}:[0-9a-f]{8}$`));
  });

  it('is another name for each call', () => {
    expect(newLeaseOwner('h')).not.toBe(newLeaseOwner('h'));
  });

  it('fits lease_owner (64 characters) with a claim number after it, however long the host name', () => {
    const owner = newLeaseOwner('a'.repeat(253));
    expect(`${owner}:${Number.MAX_SAFE_INTEGER}`.length).toBeLessThanOrEqual(64);
  });
});
