/** A request path as Express routes it: case-insensitively, with repeated leading slashes as one. */
export function routePath(rawPath: string): string {
  return rawPath.toLowerCase().replace(/^\/+/, '/');
}

/** Whether a `routePath` is `prefix` or below it (a prefix ending in `/` matches only below itself). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
