import { apiErrors } from './google-errors';

/** A parsed `fields` selection: each selected name and what of it is selected (`true`: all of it). */
type Selection = Map<string, Selection | true>;

/**
 * Google's partial response (the standard `fields` parameter): only the selected fields come back, so a
 * client that forgets to ask for a field it reads sees it missing here as it would at Google. The
 * grammar: a comma-separated list of names, `a/b` for a sub-field, `a(b,c)` for several, `*` for all.
 * Arrays are selected item by item. Without `fields` the body is unchanged.
 */
export function partialResponse<T>(body: T, fields: string | undefined): T | Record<string, unknown> {
  if (fields === undefined) return body;
  const parser = new FieldsParser(fields);
  const selection = parser.list();
  if (!parser.done()) throw invalid(fields);
  return select(body, selection) as Record<string, unknown>;
}

function select(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => select(item, selection));
  if (!value || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const all = selection.get('*');
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(source)) {
    const wanted = selection.get(name) ?? all;
    if (wanted === undefined) continue;
    out[name] = wanted === true ? field : select(field, wanted);
  }
  return out;
}

class FieldsParser {
  private at = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.at === this.text.length;
  }

  /** selector (',' selector)* */
  list(): Selection {
    const selection: Selection = new Map();
    do {
      this.selector(selection);
    } while (this.take(','));
    return selection;
  }

  /** name ('/' selector | '(' list ')')? */
  private selector(into: Selection): void {
    const name = this.name();
    let inner: Selection | true = true;
    if (this.take('/')) {
      inner = new Map();
      this.selector(inner);
    } else if (this.take('(')) {
      inner = this.list();
      if (!this.take(')')) throw invalid(this.text);
    }
    into.set(name, combine(into.get(name), inner));
  }

  private name(): string {
    const match = /^(\*|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.at));
    if (!match) throw invalid(this.text);
    this.at += match[0].length;
    return match[0];
  }

  private take(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }
}

/** One field selected twice (`a,a/b`): the whole of it wins over a part, parts add up. */
function combine(before: Selection | true | undefined, inner: Selection | true): Selection | true {
  return before === true || inner === true ? true : merge(before, inner);
}

function merge(a: Selection | undefined, b: Selection): Selection {
  if (!a) return b;
  const merged: Selection = new Map(a);
  for (const [name, inner] of b) merged.set(name, combine(merged.get(name), inner));
  return merged;
}

function invalid(fields: string): Error {
  return apiErrors.invalid(`Invalid field selection ${fields}`, 'fields');
}
