import discovery from '../../vendor-specs/google-calendar-v3.discovery.json';

/** Google expands the short sign-in scope names to these URLs in what it grants. */
const SHORT_NAMES: Record<string, string> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

/** Sign-in scopes: Google's granular consent screen does not let the user untick these. */
export const SIGN_IN_SCOPES = new Set(['openid', ...Object.values(SHORT_NAMES)]);

const KNOWN = new Set([...SIGN_IN_SCOPES, ...Object.keys(discovery.auth.oauth2.scopes)]);

export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

/** Splits and normalises a `scope` parameter; `unknown` lists what Google would call invalid_scope. */
export function parseScopes(raw: string): { scopes: string[]; unknown: string[] } {
  const scopes: string[] = [];
  const unknown: string[] = [];
  for (const word of raw.split(/[\s+]+/).filter(Boolean)) {
    const scope = SHORT_NAMES[word] ?? word;
    if (!KNOWN.has(scope)) unknown.push(word);
    else if (!scopes.includes(scope)) scopes.push(scope);
  }
  return { scopes, unknown };
}

/** Human wording for the consent page, close to Google's. */
export function describeScope(scope: string): string {
  const words: Record<string, string> = {
    openid: 'Associate you with your personal info on Google',
    [SHORT_NAMES.email as string]: 'See your primary Google Account email address',
    [SHORT_NAMES.profile as string]:
      'See your personal info, including any personal info you have made publicly available',
  };
  return (
    words[scope] ??
    (discovery.auth.oauth2.scopes as Record<string, { description: string }>)[scope]?.description ??
    scope
  );
}
