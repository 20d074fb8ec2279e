/** A column holding values sealed by the vault, with the column that identifies its row. */
export interface SealedColumn {
  table: string;
  idColumn: string;
  column: string;
}

/**
 * Every sealed column in the schema: `keys:rotate` re-seals exactly these. Add a column here in the
 * same change as the migration that creates it (OAuth tokens, client secrets, join URLs, passcodes).
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'connections', idColumn: 'id', column: 'access_token' },
  { table: 'connections', idColumn: 'id', column: 'refresh_token' },
  { table: 'oauth_states', idColumn: 'id', column: 'code_verifier' },
  { table: 'clinic_zoom_accounts', idColumn: 'clinic_id', column: 'client_secret' },
  { table: 'clinic_zoom_accounts', idColumn: 'clinic_id', column: 'access_token' },
  { table: 'appointment_zoom_mappings', idColumn: 'appointment_id', column: 'join_url' },
  { table: 'appointment_zoom_mappings', idColumn: 'appointment_id', column: 'passcode' },
  { table: 'appointment_google_meet_mappings', idColumn: 'appointment_id', column: 'join_url' },
  { table: 'appointment_google_meet_mappings', idColumn: 'appointment_id', column: 'passcode' },
  { table: 'join_links', idColumn: 'id', column: 'token' },
  { table: 'idempotency_keys', idColumn: 'id', column: 'response_body' },
];
