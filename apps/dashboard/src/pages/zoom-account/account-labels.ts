/** What the account's `lastError` means, for the errors the API records. */
const LAST_ERRORS: Record<string, string> = {
  credentials_rejected:
    'Zoom refused the stored credentials the last time televisit used them: the client secret may have been regenerated, or the app deactivated or deleted.',
};

/** A sentence for the warning; unknown codes are shown as sent. */
export function describeAccountError(lastError: string): string {
  return LAST_ERRORS[lastError] ?? `The last use of the stored credentials failed (${lastError}).`;
}
