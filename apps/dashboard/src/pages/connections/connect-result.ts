import { isKnownVendor, vendorName } from './vendor-labels';

/** What the API's OAuth callback reported, in words, for the notice at the top of the page. */
export interface ConnectResult {
  kind: 'success' | 'error';
  /** The vendor's key when the URL named a known one. */
  vendor: string | null;
  title: string;
  message: string;
}

/** The query parameters the callback redirects with; stripped from the URL once read. */
const CONNECT_RESULT_PARAMS = ['vendor', 'result', 'error'] as const;

const CODE_SHAPE = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * `/connections?vendor=zoom&result=connected` or `…&error=CODE` as a notice; null when the URL
 * carries neither. Only known vendors and code-shaped errors are echoed: the URL is not trusted text.
 */
export function describeConnectResult(params: URLSearchParams): ConnectResult | null {
  const result = params.get('result');
  const error = params.get('error');
  if (result === null && error === null) return null;
  const rawVendor = params.get('vendor');
  const vendor = isKnownVendor(rawVendor) ? rawVendor : null;
  const name = vendor ? vendorName(vendor) : 'the video service';
  const Name = vendor ? vendorName(vendor) : 'The video service';

  if (error === null) {
    if (result === 'connected') {
      return {
        kind: 'success',
        vendor,
        title: `${vendor ? vendorName(vendor) : 'Your account'} is connected`,
        message: `televisit can now create ${vendor ? `${vendorName(vendor)} ` : ''}meetings for the visits you host.`,
      };
    }
    return unexpected(vendor, name, null);
  }

  const failed = (message: string, title = `${Name} wasn’t connected`): ConnectResult => ({
    kind: 'error',
    vendor,
    title,
    message,
  });
  switch (error) {
    case 'access_denied':
      return failed(
        `You declined on ${name}’s consent page, so nothing was connected. Choose Connect again and allow access when you are ready.`,
      );
    case 'missing_scope':
      return vendor === 'google'
        ? failed(
            'The “calendar events” permission was unticked on Google’s consent screen, and televisit needs it to add Meet links to your visits. Connect again and leave “calendar events” ticked.',
            'Google Meet needs access to your calendar events',
          )
        : failed(
            `${Name} didn’t grant every permission televisit needs. Connect again and allow all the permissions asked for.`,
            `${Name} needs more permissions`,
          );
    case 'state_invalid':
      return failed(
        'The sign-in link could not be matched to this session: it was used twice, expired after 10 minutes, or was finished in another browser session. Start again from this page.',
        'The connection link is no longer valid',
      );
    case 'session_required':
      return failed(
        `You were signed out of televisit before ${name} sent you back, so nothing was connected. Connect again now that you are signed in.`,
      );
    case 'exchange_failed':
    case 'vendor_error':
      return failed(
        `${Name} didn’t answer as expected, so nothing was connected. Try again later; if it keeps happening, tell your clinic admin.`,
      );
    case 'invalid_callback':
      return failed(
        `The answer from ${name} was incomplete, so nothing was connected. Start again from this page.`,
      );
    case 'unknown_vendor':
      return failed(
        'televisit does not connect to that service. Connect one of the services listed on this page.',
        'Unknown video service',
      );
    default:
      return unexpected(vendor, name, error);
  }
}

function unexpected(vendor: string | null, name: string, code: string | null): ConnectResult {
  const shown = code !== null && CODE_SHAPE.test(code) ? ` (code ${code})` : '';
  return {
    kind: 'error',
    vendor,
    title: 'Connecting didn’t finish',
    message: `Connecting ${name} ended without a clear result${shown}. Check the status below and try again if needed.`,
  };
}

/** The same query without the callback's parameters: what the URL is replaced with once read. */
export function withoutConnectResult(params: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(params);
  for (const name of CONNECT_RESULT_PARAMS) rest.delete(name);
  return rest;
}
