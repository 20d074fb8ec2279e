import { Injectable } from '@nestjs/common';
import { ConnectionTokens } from '@televisit/api-auth';
import { DomainException } from '@televisit/api-core';
import { type MeetingHost, type VendorMeeting, VideoProviderError } from '@televisit/api-mapping';

/** The auth vendor key of a Google connection. */
const GOOGLE = 'google';

/** Who acts at Google for one provider during one operation, and with which token. */
export interface GoogleActingHost {
  providerId: string;
  accessToken: string;
  /** The connection's Google account (the ID token `sub`), whose primary calendar holds the events. */
  accountId: string;
}

/**
 * Resolves a provider to their own Google connection: there is no clinic-wide Google account, so a
 * provider without a working connection cannot host, and is told why. An existing meeting is acted on
 * only through a connection to the Google account it is on.
 */
@Injectable()
export class GoogleMeetHosts {
  constructor(private readonly connectionTokens: ConnectionTokens) {}

  /**
   * With `existing` (a meeting already made) only a token for its `hostAccountId` will do: a provider
   * who disconnected that Google account, or connected another one since, cannot reach the meeting
   * (`host_not_connected`), and no other account's "not found" may read as a deletion.
   */
  resolve(host: MeetingHost, existing?: Pick<VendorMeeting, 'hostAccountId'>): Promise<GoogleActingHost> {
    return this.grant(host.providerId, existing === undefined ? {} : { accountId: existing.hostAccountId });
  }

  /**
   * Google refused `acting`'s token although it looked fresh (revoked or expired behind our back): a new
   * one for the same account, refreshed now; a grant that is gone ends in `connection_needs_reauth`.
   */
  renew(acting: GoogleActingHost): Promise<GoogleActingHost> {
    return this.grant(acting.providerId, { accountId: acting.accountId, rejected: acting.accessToken });
  }

  private async grant(
    providerId: string,
    options: { accountId?: string; rejected?: string },
  ): Promise<GoogleActingHost> {
    let granted: { accessToken: string; accountId: string | null };
    try {
      granted = await this.connectionTokens.grant(providerId, GOOGLE, options);
    } catch (error) {
      throw hostError(error) ?? error;
    }
    if (!granted.accountId) {
      // Every Google connection records its account at connect time; one without cannot host.
      throw new VideoProviderError(
        'connection_needs_reauth',
        "The provider's Google connection does not say which Google account it is; they must connect Google again.",
      );
    }
    return { providerId, accessToken: granted.accessToken, accountId: granted.accountId };
  }
}

/** Auth's reasons for handing out no token, as the port's codes; undefined for anything else. */
export function hostError(error: unknown): VideoProviderError | undefined {
  if (!(error instanceof DomainException)) return undefined;
  switch (error.code) {
    case 'not_connected':
      return new VideoProviderError('google_not_connected', 'The provider has not connected Google.');
    case 'connection_needs_reauth':
      return new VideoProviderError(
        'connection_needs_reauth',
        "The provider's Google connection stopped working; they must connect Google again.",
      );
    case 'other_account':
      return new VideoProviderError(
        'host_not_connected',
        'The meeting is on a Google account the provider no longer has connected; they must connect that Google account again.',
      );
    default:
      return undefined;
  }
}
