import { escapeHtml } from '../common/html';
/** What the consent form carries back to `POST /oauth/authorize`, unchanged from the authorize request. */
export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

export interface ConsentPageInput {
  appName: string;
  scopes: string[];
  request: ConsentRequest;
  defaultEmail: string;
  /** Where the form posts: the authorize path under the fake's mount. */
  action: string;
}

const SCOPE_TEXT: Record<string, string> = {
  'user:read': 'View your user information',
  'meeting:read': 'View your meetings',
  'meeting:write': 'View and manage your meetings',
};

/** Shared by both pages; inline styles are allowed by the CSP the pages must live under, scripts are not. */
const STYLE =
  'body{font-family:system-ui,sans-serif;margin:0;background:#f4f6fa;color:#1d1d1f}' +
  'main{max-width:28rem;margin:3rem auto;background:#fff;padding:2rem;border-radius:8px}' +
  'label{display:block;font-weight:600;margin:1rem 0 .25rem}input[type=email]{width:100%;padding:.5rem;box-sizing:border-box}' +
  '.actions{display:flex;gap:.75rem;margin-top:1.5rem}button{padding:.6rem 1.4rem;font-size:1rem;border-radius:6px;border:1px solid #0b5cff}' +
  'button[value=allow]{background:#0b5cff;color:#fff}button[value=decline]{background:#fff;color:#0b5cff}';

function page(title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>\n`
  );
}

/** Zoom's consent screen, reduced to what a test drives: who asks, for what, as whom, allow or decline. */
export function consentPage(input: ConsentPageInput): string {
  const { request } = input;
  const hidden: Array<[string, string | undefined]> = [
    ['response_type', 'code'],
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['state', request.state],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', request.codeChallengeMethod],
  ];
  const scopes = input.scopes
    .map((scope) => `<li>${escapeHtml(SCOPE_TEXT[scope] ?? scope)} <code>${escapeHtml(scope)}</code></li>`)
    .join('');
  return page(
    `Authorize ${input.appName} - Zoom (sandbox)`,
    `<h1>${escapeHtml(input.appName)} would like to access your Zoom account</h1>` +
      `<p>This app will be able to:</p><ul>${scopes}</ul>` +
      `<form method="post" action="${escapeHtml(input.action)}">` +
      hidden
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
        .join('') +
      `<label for="zoom-email">Zoom account email</label>` +
      `<input id="zoom-email" name="email" type="email" autocomplete="email" required value="${escapeHtml(input.defaultEmail)}">` +
      `<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>` +
      `<button type="submit" name="decision" value="decline" formnovalidate>Decline</button></div>` +
      `</form>`,
  );
}

export function errorPage(message: string): string {
  return page(
    'Error - Zoom (sandbox)',
    `<h1>Something went wrong</h1><p role="alert">${escapeHtml(message)}</p>`,
  );
}
