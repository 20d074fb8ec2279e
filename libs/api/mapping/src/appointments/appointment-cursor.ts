import { invalidCursor } from '@televisit/api-core';

/** Keyset position: appointments are listed by (start time, id); the cursor is the last one seen. */
export interface AppointmentCursor {
  startTime: Date;
  id: string;
}

export function encodeAppointmentCursor(position: AppointmentCursor): string {
  return Buffer.from(`at:${position.startTime.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** 400 invalid_cursor for anything this API did not issue. */
export function decodeAppointmentCursor(cursor: string): AppointmentCursor {
  const match = /^at:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|([\w-]{1,36})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  const position = match ? { startTime: new Date(match[1] as string), id: match[2] as string } : undefined;
  if (
    !position ||
    Number.isNaN(position.startTime.getTime()) ||
    encodeAppointmentCursor(position) !== cursor
  ) {
    throw invalidCursor();
  }
  return position;
}
