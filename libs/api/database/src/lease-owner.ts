import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name for this process in the `lease_owner` columns (64 characters): its host, cut to 32 characters,
 * its pid and a random part that tells apart two processes with the same pid on hosts named alike. It
 * leaves room for a suffix of the caller's own (the reconciler numbers its claims).
 */
export function newLeaseOwner(host = hostname()): string {
  return `${host.slice(0, 32)}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
