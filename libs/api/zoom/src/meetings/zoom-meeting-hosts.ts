import { Injectable } from '@nestjs/common';
import { ConnectionTokens, UserEntity } from '@televisit/api-auth';
import { DomainException } from '@televisit/api-core';
import { type MeetingHost, type VendorMeeting, VideoProviderError } from '@televisit/api-mapping';
import { DataSource } from 'typeorm';
import { ZoomAccountService } from '../account/zoom-account.service';

/** Who acts at Zoom for one provider, and with which token. */
export interface ZoomActingHost {
  accessToken: string;
  /** The `{userId}` of `/users/{userId}/meetings`: `me` with the provider's own token, else their `zoomUser`. */
  userId: string;
  /** Values to keep out of logs (the Zoom user in the path). */
  redact: string[];
  via: 'connection' | 'account';
  /**
   * Zoom refused `accessToken` although it looked fresh (revoked or expired behind our back): replaces
   * it with a new one from the same source, or throws `connection_needs_reauth` (`zoom_not_connected`
   * for the clinic's account) when the grant itself is gone.
   */
  renew(): Promise<void>;
}

/** What `resolve` was asked: a renewal asks the same again. */
type Existing = Pick<VendorMeeting, 'hostAccountId' | 'hostedBy'>;

/**
 * Resolves a provider to a Zoom host: their own Zoom connection first; else the clinic's
 * Server-to-Server account acting as the provider's `zoomUser`; else `zoom_not_connected`. A provider
 * whose own connection stopped working (`needs_reauth`), or cannot be used since the operator removed
 * the Zoom OAuth client (`connection_not_offered`), is told so and never moved to the clinic's account
 * behind their back.
 */
@Injectable()
export class ZoomMeetingHosts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connectionTokens: ConnectionTokens,
    private readonly accounts: ZoomAccountService,
  ) {}

  /**
   * Who acts for `host`. With `existing` (a meeting already made) the meeting's own host decides, not
   * who would host a new one: the provider's connection only when it is that Zoom user, else the
   * clinic's account. A meeting made on the clinic's account so stays reachable after the provider
   * connects a Zoom account of their own (whose token would not see it). A meeting made on the
   * provider's own account that they have since disconnected (or swapped for another) is reachable by
   * nobody: `host_not_connected`, never the clinic's account, whose "no such meeting" would read as
   * a deletion.
   */
  async resolve(host: MeetingHost, existing?: Existing): Promise<ZoomActingHost> {
    const own = await this.ownConnection(host, existing);
    if (own) return own;
    if (existing?.hostedBy === 'provider') {
      throw new VideoProviderError(
        'host_not_connected',
        "The meeting is on the provider's own Zoom account, which is no longer connected; they must connect that Zoom account again.",
      );
    }
    return this.clinicAccount(host);
  }

  /**
   * The provider's own connection (only to `accountId`, when given), or undefined without one; a
   * broken one is said so, never passed over.
   */
  private async ownConnection(
    host: MeetingHost,
    existing?: Existing,
    rejected?: string,
  ): Promise<ZoomActingHost | undefined> {
    const accountId = existing?.hostAccountId;
    try {
      const accessToken = await this.connectionTokens.accessToken(host.providerId, 'zoom', {
        ...(accountId === undefined ? {} : { accountId }),
        ...(rejected === undefined ? {} : { rejected }),
      });
      const acting: ZoomActingHost = {
        accessToken,
        userId: 'me',
        redact: [],
        via: 'connection',
        renew: async () => {
          const renewed = await this.ownConnection(host, existing, acting.accessToken);
          if (!renewed) throw needsReauth();
          acting.accessToken = renewed.accessToken;
        },
      };
      return acting;
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      if (error.code === 'not_connected' || error.code === 'other_account') return undefined;
      if (error.code === 'connection_needs_reauth') throw needsReauth();
      // The operator removed the Zoom OAuth client: the provider's connection is kept only to be erased.
      // They choose (disconnect, so the clinic's account may host), never the server behind their back.
      if (error.code === 'vendor_not_configured') {
        // A meeting the clinic's account made (its Zoom user may be the provider's own) stays its to reach.
        if (existing?.hostedBy === 'clinic') return undefined;
        throw new VideoProviderError(
          'connection_not_offered',
          "This server no longer offers Zoom connections, so the provider's own Zoom connection cannot be used; they must disconnect it.",
        );
      }
      throw error;
    }
  }

  private async clinicAccount(host: MeetingHost): Promise<ZoomActingHost> {
    const provider = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ id: host.providerId, clinicId: host.clinicId });
    const zoomUser = provider?.zoomUser?.trim();
    if (!zoomUser) {
      throw new VideoProviderError(
        'zoom_not_connected',
        "The provider has not connected Zoom and has no Zoom user on the clinic's Zoom account.",
      );
    }
    const acting: ZoomActingHost = {
      accessToken: await this.accountToken(host),
      userId: zoomUser,
      redact: [zoomUser],
      via: 'account',
      renew: async () => {
        acting.accessToken = await this.accountToken(host, acting.accessToken);
      },
    };
    return acting;
  }

  private async accountToken(host: MeetingHost, rejected?: string): Promise<string> {
    try {
      return await this.accounts.accessToken(host.clinicId, rejected === undefined ? {} : { rejected });
    } catch (error) {
      if (error instanceof DomainException && error.code === 'zoom_not_connected') {
        throw new VideoProviderError(
          'zoom_not_connected',
          'The provider has not connected Zoom and the clinic has no usable Zoom account.',
        );
      }
      throw error;
    }
  }
}

function needsReauth(): VideoProviderError {
  return new VideoProviderError(
    'connection_needs_reauth',
    "The provider's Zoom connection stopped working; they must connect Zoom again.",
  );
}
