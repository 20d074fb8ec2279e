/** Zoom's `page_size`: default 30, at most 300; anything else unreadable is refused. */
export function pageSize(raw: unknown): number | undefined {
  if (raw === undefined) return 30;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return undefined;
  const size = Number(raw);
  if (size < 1) return undefined;
  return Math.min(size, 300);
}

/** Opaque to callers, like Zoom's; bound to the list it came from so it cannot be replayed elsewhere. */
export function encodePageToken(list: string, offset: number): string {
  return Buffer.from(JSON.stringify([list, offset])).toString('base64url');
}

/** The offset a token points at, 0 without a token, undefined for a token this list did not issue. */
export function decodePageToken(raw: unknown, list: string): number | undefined {
  if (raw === undefined || raw === '') return 0;
  if (typeof raw !== 'string') return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(decoded) &&
      decoded[0] === list &&
      Number.isInteger(decoded[1]) &&
      Number(decoded[1]) >= 0
    ) {
      return Number(decoded[1]);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
