import { ApiError } from './api-error';

/**
 * The problem document's `errors[]` as one message per form field ("email" → "must be an email
 * address"), for the fields the form shows. Errors on other paths are returned in `other`.
 */
export function fieldErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): { byField: Partial<Record<Field, string>>; other: string[] } {
  const byField: Partial<Record<Field, string>> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const { path, message } of error.problem?.errors ?? []) {
    const field = fields.find((name) => path === name || path.startsWith(`${name}.`));
    const text = sentence(message);
    if (field === undefined) other.push(path ? `${path}: ${message}` : text);
    else byField[field] ??= text;
  }
  return { byField, other };
}

/** "must be an email address" → "Must be an email address." */
export function sentence(message: string): string {
  const trimmed = message.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
