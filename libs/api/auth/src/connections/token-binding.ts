import type { SealBinding } from '@televisit/api-vault';

/** A connection's sealed token is bound to its row and column: copied elsewhere it will not open. */
export function tokenBinding(connectionId: string, column: 'access_token' | 'refresh_token'): SealBinding {
  return { table: 'connections', column, rowId: connectionId };
}
