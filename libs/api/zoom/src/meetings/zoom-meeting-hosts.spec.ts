import type { ConnectionTokens } from '@televisit/api-auth';
import { DomainException } from '@televisit/api-core';
import type { DataSource } from 'typeorm';
import type { ZoomAccountService } from '../account/zoom-account.service';
import { ZoomMeetingHosts } from './zoom-meeting-hosts';

const HOST = { providerId: 'p1', clinicId: 'c1' };

/**
 * The provider has a stored Zoom connection to Zoom user `zu1`, but the operator removed the Zoom OAuth
 * client (auth answers vendor_not_configured); the clinic's Server-to-Server account works, and maps
 * the provider to the Zoom user `dr@clinic.test`.
 */
function hostsWithoutZoomOAuth() {
  const tokens = {
    accessToken: () =>
      Promise.reject(new DomainException(409, 'vendor_not_configured', 'zoom is not configured')),
  } as unknown as ConnectionTokens;
  const dataSource = {
    getRepository: () => ({ findOneBy: () => Promise.resolve({ zoomUser: 'dr@clinic.test' }) }),
  } as unknown as DataSource;
  const accounts = { accessToken: () => Promise.resolve('clinic-token') } as unknown as ZoomAccountService;
  return new ZoomMeetingHosts(dataSource, tokens, accounts);
}

describe('ZoomMeetingHosts with a connection the server no longer offers', () => {
  it('hosts no new meeting on it, nor moves it to the clinic’s account: connection_not_offered', async () => {
    await expect(hostsWithoutZoomOAuth().resolve(HOST)).rejects.toMatchObject({
      name: 'VideoProviderError',
      code: 'connection_not_offered',
    });
  });

  it('says the same of a meeting on the provider’s own account', async () => {
    await expect(
      hostsWithoutZoomOAuth().resolve(HOST, { hostedBy: 'provider', hostAccountId: 'zu1' }),
    ).rejects.toMatchObject({ code: 'connection_not_offered' });
  });

  it('reaches a meeting the clinic’s account made through that account, whoever its Zoom user is', async () => {
    await expect(
      hostsWithoutZoomOAuth().resolve(HOST, { hostedBy: 'clinic', hostAccountId: 'zu1' }),
    ).resolves.toEqual({
      accessToken: 'clinic-token',
      userId: 'dr@clinic.test',
      redact: ['dr@clinic.test'],
      via: 'account',
      renew: expect.any(Function),
    });
  });
});
