/**
 * What televisit does with a provider's Zoom account, and the scopes that allow each: the classic
 * scope, or the granular ones that Zoom apps created since 2024 declare instead. A grant must allow
 * every need, by either name.
 */
export const ZOOM_SCOPE_NEEDS: ReadonlyArray<{ need: string; classic: string; granular: readonly string[] }> =
  [
    { need: 'read the connected user', classic: 'user:read', granular: ['user:read:user'] },
    {
      need: 'create, change and delete meetings',
      classic: 'meeting:write',
      granular: ['meeting:write:meeting', 'meeting:update:meeting', 'meeting:delete:meeting'],
    },
    {
      need: 'read meetings and list upcoming ones',
      classic: 'meeting:read',
      granular: ['meeting:read:meeting', 'meeting:read:list_meetings'],
    },
  ];

/** The classic names of the needs the granted scopes do not cover (admin variants cover them too). */
export function missingZoomScopes(granted: readonly string[]): string[] {
  const has = new Set(granted);
  const covers = (scope: string) => has.has(scope) || has.has(`${scope}:admin`);
  return ZOOM_SCOPE_NEEDS.filter(
    ({ classic, granular }) => !covers(classic) && !granular.every((scope) => covers(scope)),
  ).map(({ classic }) => classic);
}
