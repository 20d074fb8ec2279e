const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone UTF-16 surrogates (which MariaDB's utf8mb4 cannot hold) replaced by U+FFFD. */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A string exactly as both engines will store it: well-formed and cut to `max` characters (code
 * points, as varchar counts them). The hash is computed over this value, so what is stored is
 * what was hashed.
 */
export function storable(value: string, max: number): string {
  const chars = [...wellFormed(value)];
  return chars.length > max ? chars.slice(0, max).join('') : chars.join('');
}
