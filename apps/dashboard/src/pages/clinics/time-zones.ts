import { zoneOffset } from '../../format/date-time';

export interface TimeZoneOption {
  value: string;
  label: string;
}

/**
 * Every IANA zone the browser knows, labelled with its offset now ("Europe/Berlin (GMT+01:00)"),
 * sorted by name. UTC is added: some browsers list only geographic zones.
 */
export function timeZoneOptions(at: Date): TimeZoneOption[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  return [...zones]
    .sort((a, b) => a.localeCompare(b))
    .map((zone) => ({ value: zone, label: `${zone.replace(/_/g, ' ')} (${zoneOffset(zone, at)})` }));
}
