import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@televisit/api-core';
import { openSecret, type SealBinding, sealedKid, sealSecret, type SealingKey } from './seal';

/**
 * Seals and opens secrets (OAuth tokens, client secrets, join URLs, passcodes) with the keys of
 * TOKEN_ENCRYPTION_KEYS: the first seals, all open.
 */
@Injectable()
export class Vault {
  private readonly keys: readonly SealingKey[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.encryptionKeys?.length) throw new Error('TOKEN_ENCRYPTION_KEYS is not resolved');
    this.keys = config.encryptionKeys;
  }

  seal(plaintext: string, binding: SealBinding): string {
    return sealSecret(plaintext, binding, this.keys[0] as SealingKey);
  }

  open(sealed: string, binding: SealBinding): string {
    return openSecret(sealed, binding, this.keys);
  }

  /** Sealed under an older key: `keys:rotate` will re-seal it. */
  isStale(sealed: string): boolean {
    return sealedKid(sealed) !== this.keys[0]?.kid;
  }
}
