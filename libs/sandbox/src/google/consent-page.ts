import { describeScope, SIGN_IN_SCOPES } from './google-scopes';
import { escapeHtml } from '../common/html';

export interface ConsentPageModel {
  /** Server-side id of the pending authorization request, carried in a hidden field. */
  requestId: string;
  clientId: string;
  redirectOrigin: string;
  scopes: string[];
  email: string;
  problem?: string;
}

/** Inline styles only (the CSP allows them); no script, so the page works under `default-src 'self'`. */
const STYLE = `
body { font-family: Roboto, Arial, sans-serif; background: #f0f4f9; color: #1f1f1f; margin: 0; }
main { max-width: 32rem; margin: 3rem auto; background: #fff; border-radius: 1.75rem; padding: 2.25rem; }
h1 { font-size: 1.5rem; font-weight: 400; margin: 0 0 1rem; }
label { display: block; margin: 0.5rem 0; }
input[type=email] { width: 100%; box-sizing: border-box; padding: 0.75rem; border: 1px solid #747775; border-radius: 0.25rem; font-size: 1rem; }
fieldset { border: 0; padding: 0; margin: 1.5rem 0; }
legend { font-weight: 500; margin-bottom: 0.5rem; }
.scope { display: flex; gap: 0.75rem; align-items: flex-start; }
.actions { display: flex; justify-content: flex-end; gap: 0.75rem; }
button { border-radius: 1.25rem; padding: 0.625rem 1.5rem; font-size: 0.875rem; border: 1px solid #747775; background: #fff; color: #0b57d0; cursor: pointer; }
button[value=allow] { background: #0b57d0; color: #fff; border-color: #0b57d0; }
.problem { color: #b3261e; }
.note { color: #444746; font-size: 0.875rem; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** Google's consent screen, reduced to what a test or a developer needs: who, which scopes, allow or not. */
export function renderConsentPage(model: ConsentPageModel): string {
  const scopeItems = model.scopes
    .map((scope, index) => {
      const id = `scope-${index}`;
      // Sign-in scopes cannot be unticked on Google's granular consent screen; disabled boxes are not
      // submitted, so the server adds them back.
      const fixed = SIGN_IN_SCOPES.has(scope);
      return `<div class="scope"><input type="checkbox" id="${id}" name="scope" value="${escapeHtml(scope)}" checked${
        fixed ? ' disabled aria-describedby="fixed-note"' : ''
      }><label for="${id}">${escapeHtml(describeScope(scope))} <span class="note">(${escapeHtml(scope)})</span></label></div>`;
    })
    .join('\n');
  const hasFixed = model.scopes.some((scope) => SIGN_IN_SCOPES.has(scope));
  return page(
    'Sign in - Google Accounts (sandbox)',
    `<h1>Sign in to continue to ${escapeHtml(model.redirectOrigin)}</h1>
<p class="note">Sandbox Google. Client <code>${escapeHtml(model.clientId)}</code>.</p>
${model.problem ? `<p class="problem" role="alert">${escapeHtml(model.problem)}</p>` : ''}
<form method="post" action="auth">
<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
<label for="email">Google account email</label>
<input type="email" id="email" name="email" value="${escapeHtml(model.email)}" required autocomplete="email">
<fieldset>
<legend>Allow this app to</legend>
${scopeItems}
${hasFixed ? '<p class="note" id="fixed-note">Sign-in permissions are always shared.</p>' : ''}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="cancel" formnovalidate>Cancel</button>
<button type="submit" name="decision" value="allow">Allow</button>
</div>
</form>`,
  );
}

/** Google's "Error 400" page for a broken authorization request; nothing is redirected. */
export function renderErrorPage(error: string, detail: string): string {
  return page(
    'Error 400 - Google Accounts (sandbox)',
    `<h1>Access blocked: authorization error</h1>
<p>${escapeHtml(detail)}</p>
<p>Error 400: <code>${escapeHtml(error)}</code></p>`,
  );
}
