import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One key of TOKEN_ENCRYPTION_KEYS: its id travels with every sealed value. */
export interface SealingKey {
  kid: string;
  key: Buffer;
}

/** Where a sealed value belongs; copied to another row or column it will not open. */
export interface SealBinding {
  table: string;
  column: string;
  rowId: string;
}

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function associatedData(binding: SealBinding): Buffer {
  return Buffer.from(`televisit:${binding.table}:${binding.column}:${binding.rowId}`, 'utf8');
}

/**
 * AES-256-GCM under `key`, with a fresh 96-bit IV and the binding as associated data.
 * Result: `v1.<kid>.<iv>.<ciphertext>.<tag>` (base64url parts), safe to store in a text column.
 */
export function sealSecret(plaintext: string, binding: SealBinding, key: SealingKey): string {
  if (key.key.length !== 32) throw new VaultError('a sealing key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(binding));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, key.kid, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The key id a sealed value was sealed under, without opening it. */
export function sealedKid(sealed: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !parts[1]) throw new VaultError('not a sealed value');
  return parts[1];
}

/** Opens with whichever configured key sealed it; any change to value or binding is refused. */
export function openSecret(sealed: string, binding: SealBinding, keys: readonly SealingKey[]): string {
  const kid = sealedKid(sealed);
  const [, , iv, ciphertext, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  const key = keys.find((k) => k.kid === kid);
  if (!key) throw new VaultError(`no configured key has id "${kid}" (TOKEN_ENCRYPTION_KEYS)`);
  if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || !ciphertext)
    throw new VaultError('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(binding));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new VaultError('the sealed value was altered or belongs to another row or column');
  }
}
