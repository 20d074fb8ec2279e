import { sha256Hex } from '@televisit/api-core';
import { randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'tvk_';
const KEY_FORMAT = /^tvk_[A-Za-z0-9_-]{43}$/;

/** `tvk_` + 256 random bits (base64url). Stored only as sha256: the key has too much entropy to guess. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), hash: apiKeyHash(key) };
}

export function apiKeyHash(key: string): string {
  return sha256Hex(key);
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_FORMAT.test(value);
}
