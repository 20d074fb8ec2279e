import type { ConnectionTokens } from '@televisit/api-auth';
import { DomainException } from '@televisit/api-core';
import { VideoProviderError } from '@televisit/api-mapping';
import { GoogleMeetHosts } from './google-meet-hosts';

const HOST = { providerId: 'p1', clinicId: 'c1' };
const ACCOUNT = '104893412345678901234';

type GrantOptions = { accountId?: string; rejected?: string };

/** ConnectionTokens.grant answering `answer`, recording what it was asked. */
function hostsWith(
  answer: (options: GrantOptions) => Promise<{ accessToken: string; accountId: string | null }>,
) {
  const asked: Array<{ userId: string; vendor: string; options: GrantOptions }> = [];
  const tokens = {
    grant: (userId: string, vendor: string, options: GrantOptions = {}) => {
      asked.push({ userId, vendor, options });
      return answer(options);
    },
  } as unknown as ConnectionTokens;
  return { hosts: new GoogleMeetHosts(tokens), asked };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('GoogleMeetHosts', () => {
  it('asks for any account of the provider’s Google connection for a new meeting', async () => {
    const { hosts, asked } = hostsWith(() => Promise.resolve({ accessToken: 't1', accountId: ACCOUNT }));
    await expect(hosts.resolve(HOST)).resolves.toEqual({
      providerId: 'p1',
      accessToken: 't1',
      accountId: ACCOUNT,
    });
    expect(asked).toEqual([{ userId: 'p1', vendor: 'google', options: {} }]);
  });

  it('asks only for the meeting’s own account for an existing meeting', async () => {
    const { hosts, asked } = hostsWith(() => Promise.resolve({ accessToken: 't1', accountId: ACCOUNT }));
    await hosts.resolve(HOST, { hostAccountId: ACCOUNT });
    expect(asked[0]?.options).toEqual({ accountId: ACCOUNT });
  });

  it('renews a refused token for the same account, naming the token Google refused', async () => {
    const { hosts, asked } = hostsWith((options) =>
      Promise.resolve({ accessToken: options.rejected ? 't2' : 't1', accountId: ACCOUNT }),
    );
    const acting = await hosts.resolve(HOST);
    await expect(hosts.renew(acting)).resolves.toMatchObject({ accessToken: 't2', accountId: ACCOUNT });
    expect(asked[1]).toEqual({
      userId: 'p1',
      vendor: 'google',
      options: { accountId: ACCOUNT, rejected: 't1' },
    });
  });

  it.each([
    ['not_connected', 'google_not_connected'],
    ['connection_needs_reauth', 'connection_needs_reauth'],
    ['other_account', 'host_not_connected'],
  ])("turns auth's %s into the port's %s", async (authCode, portCode) => {
    const { hosts } = hostsWith(() => Promise.reject(new DomainException(409, authCode, 'no')));
    const error = await failureOf(hosts.resolve(HOST, { hostAccountId: ACCOUNT }));
    expect(error).toBeInstanceOf(VideoProviderError);
    expect(error).toMatchObject({ code: portCode });
  });

  it('passes other failures on as they are (a refresh that timed out, the vendor down)', async () => {
    const timeout = new DomainException(503, 'refresh_timeout', 'slow');
    const { hosts } = hostsWith(() => Promise.reject(timeout));
    expect(await failureOf(hosts.resolve(HOST))).toBe(timeout);
  });

  it('refuses a connection that does not say which Google account it is', async () => {
    const { hosts } = hostsWith(() => Promise.resolve({ accessToken: 't1', accountId: null }));
    expect(await failureOf(hosts.resolve(HOST))).toMatchObject({ code: 'connection_needs_reauth' });
  });
});
