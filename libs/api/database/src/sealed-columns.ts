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
export const SEALED_COLUMNS: readonly SealedColumn[] = [];
