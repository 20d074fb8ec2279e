import { createHash } from 'node:crypto';

/** sha256 of a string, as 64 hex characters: how tokens, keys and states are stored for lookup. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
