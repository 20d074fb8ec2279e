import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Helmet with a strict Content Security Policy. Scripts come only from our origin; inline styles
 * are allowed because the component library sets CSS variables on elements.
 */
export function securityHeaders(options: { https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
}

/** The security headers of an answer, collected once: for a page, and for a redirect (no document). */
export interface SecurityHeaderSets {
  /** Everything `securityHeaders` sets. */
  page: Readonly<Record<string, string>>;
  /**
   * What a redirect can use: HSTS (over https). CSP, framing, sniffing and cross-origin headers act on a
   * document, and a 302 has none; the route adds its own (`Referrer-Policy`, `Cache-Control`).
   */
  redirect: Readonly<Record<string, string>>;
}

/** `securityHeaders(options)`'s headers, collected once for routes that write their headers in one go. */
export function securityHeaderSets(options: { https: boolean }): SecurityHeaderSets {
  const page = headersSetBy(securityHeaders(options));
  const hsts = page['Strict-Transport-Security'];
  return { page, redirect: hsts ? { 'Strict-Transport-Security': hsts } : {} };
}

/** The headers a middleware that only sets headers, whatever the request, sets. */
function headersSetBy(
  middleware: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let called = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error('the security headers middleware failed');
    called = true;
  });
  if (!called) throw new Error('the security headers middleware did not finish synchronously');
  return headers;
}
