import { randomBytes, randomInt } from 'node:crypto';

/** Zoom user and account ids look like 22 url-safe base64 characters, e.g. `KDcuGIm1QgePTO8WbOqwIQ`. */
export function zoomId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** Opaque bearer material: callers must never be able to read anything into it. */
export function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Meeting numbers are 11 digits today; callers must store them as 64-bit integers. */
export function meetingNumber(): number {
  return randomInt(1, 10) * 10_000_000_000 + randomInt(0, 10_000_000_000);
}

/** Meeting UUIDs are base64 (with `/` and `+`), which is why callers must double-encode them in paths. */
export function meetingUuid(): string {
  return randomBytes(16).toString('base64');
}

/** Zoom's generated passcodes are short, alphanumeric and at most 10 characters. */
export function passcode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 6; i++) out += alphabet[randomInt(0, alphabet.length)] ?? 'x';
  return out;
}

/** Personal meeting ids are 10 digits. */
export function personalMeetingId(): number {
  return randomInt(1_000_000_000, 9_999_999_999);
}
