import { decodeAppointmentCursor, encodeAppointmentCursor } from './appointment-cursor';

describe('appointment cursors', () => {
  it('round-trips a position', () => {
    const position = {
      startTime: new Date('2026-12-01T14:30:00.000Z'),
      id: '0b9c7a52-6f7e-4a3c-8d1e-2f3a4b5c6d7e',
    };
    expect(decodeAppointmentCursor(encodeAppointmentCursor(position))).toEqual(position);
  });

  it.each([
    '',
    'nope',
    Buffer.from('at:yesterday|x').toString('base64url'),
    Buffer.from('seq:12').toString('base64url'),
  ])('refuses %p with 400 invalid_cursor', (cursor) => {
    let thrown: unknown;
    try {
      decodeAppointmentCursor(cursor);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'invalid_cursor' });
  });
});
