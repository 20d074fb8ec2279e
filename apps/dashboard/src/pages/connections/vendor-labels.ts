/** The video services televisit connects to, by the key the API uses in paths. */
const VENDOR_NAMES: Record<string, string> = {
  zoom: 'Zoom',
  google: 'Google Meet',
};

/** Whose account the provider signs in with at the vendor: a Google account, not a "Google Meet" one. */
const ACCOUNT_NAMES: Record<string, string> = {
  zoom: 'Zoom',
  google: 'Google',
};

/** Zoom's and Google's scope strings in words a provider recognises from the consent screen. */
const SCOPE_LABELS: Record<string, string> = {
  'user:read': 'Your Zoom profile',
  'meeting:read': 'View meetings',
  'meeting:write': 'Create and manage meetings',
  openid: 'Sign-in identity',
  email: 'Email address',
  'https://www.googleapis.com/auth/userinfo.email': 'Email address',
  'https://www.googleapis.com/auth/userinfo.profile': 'Basic profile',
  'https://www.googleapis.com/auth/calendar.events': 'Calendar events',
};

/** What `lastError` means, for the errors the API is known to record. */
const LAST_ERRORS: Record<string, string> = {
  invalid_grant: 'stopped accepting televisit’s access (it was revoked or expired)',
};

/** "Zoom", "Google Meet"; a vendor this dashboard does not know yet by its key. */
export function vendorName(vendor: string): string {
  return VENDOR_NAMES[vendor] ?? vendor;
}

/** "Zoom", "Google": the company whose account is connected and where access is revoked. */
export function accountName(vendor: string): string {
  return ACCOUNT_NAMES[vendor] ?? vendorName(vendor);
}

/** Whether `vendor` is one of the services above (never shows text from a URL that is not). */
export function isKnownVendor(vendor: string | null | undefined): vendor is string {
  return typeof vendor === 'string' && Object.hasOwn(VENDOR_NAMES, vendor);
}

/** A granted scope in words, or the scope itself when it has no label. */
export function scopeLabel(scope: string): string {
  return SCOPE_LABELS[scope] ?? scope;
}

/** The labels of the granted scopes, without repeats ("email" and its URL form read the same). */
export function scopeLabels(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map(scopeLabel))];
}

/** "Zoom stopped accepting televisit’s access (…)" for a known error; otherwise the code as sent. */
export function describeLastError(vendor: string, lastError: string): string {
  const known = LAST_ERRORS[lastError];
  return known ? `${accountName(vendor)} ${known}.` : `The last attempt failed (${lastError}).`;
}
