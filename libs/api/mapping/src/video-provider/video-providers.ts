import { Injectable } from '@nestjs/common';
import { DomainException } from '@televisit/api-core';
import type { VideoProvider } from './video-provider.port';

/**
 * The video vendors appointments can use. Vendor modules register their VideoProvider at start (see
 * apps/api's AppModule), so mapping never imports a vendor.
 */
@Injectable()
export class VideoProviders {
  private readonly providers = new Map<string, VideoProvider>();

  register(provider: VideoProvider): void {
    if (this.providers.has(provider.key)) throw new Error(`${provider.key} is registered twice`);
    this.providers.set(provider.key, provider);
  }

  /** The provider registered as `key`, if any. */
  find(key: string): VideoProvider | undefined {
    return this.providers.get(key);
  }

  get(key: string): VideoProvider {
    const provider = this.providers.get(key);
    if (!provider) {
      throw new DomainException(422, 'video_provider_unavailable', `${key} meetings are not available here.`);
    }
    return provider;
  }
}
