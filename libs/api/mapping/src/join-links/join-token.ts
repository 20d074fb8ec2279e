import { sha256Hex } from '@televisit/api-core';
import { randomBytes } from 'node:crypto';

/** 256 bits, base64url: unguessable, and safe in a URL path. */
export function newJoinToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored to look a link up: never the token itself. */
export function joinTokenHash(token: string): string {
  return sha256Hex(token);
}

export const joinTokenBinding = (id: string) => ({ table: 'join_links', column: 'token', rowId: id });
