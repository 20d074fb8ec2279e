import { isIanaTimeZone } from './time-zone';

describe('isIanaTimeZone', () => {
  it.each(['America/Bogota', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'])(
    'accepts %s',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(true);
      expect(isIanaTimeZone(zone)).toBe(true); // and again, from what it remembered
    },
  );

  it.each(['', 'Z', 'EST', '+05:00', 'Mars/Olympus', 'America/', '../etc/passwd'])('refuses %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});
