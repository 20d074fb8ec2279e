import { openSecret, sealedKid, sealSecret, type SealingKey } from '@televisit/api-vault';
import type { DataSource } from 'typeorm';
import type { SealedColumn } from './sealed-columns';

export interface ResealReport {
  resealed: number;
  alreadyCurrent: number;
  /** Values no configured key opens (or altered): left as they are, counted per column. */
  failed: Array<{ table: string; column: string; rowId: string }>;
}

const BATCH = 200;

/**
 * Re-seals every value of `columns` under the first key. Each row is updated only if it still holds
 * what was read (a concurrent write wins), so the command is safe while the API runs.
 */
export async function resealColumns(
  dataSource: DataSource,
  columns: readonly SealedColumn[],
  keys: readonly SealingKey[],
): Promise<ResealReport> {
  const newest = keys[0];
  if (!newest) throw new Error('TOKEN_ENCRYPTION_KEYS has no key');
  const report: ResealReport = { resealed: 0, alreadyCurrent: 0, failed: [] };
  const q = (name: string) => dataSource.driver.escape(name);
  for (const { table, idColumn, column } of columns) {
    let after = '';
    for (;;) {
      const rows = await dataSource.query<Array<{ id: string; sealed: string }>>(
        `SELECT ${q(idColumn)} AS id, ${q(column)} AS sealed FROM ${q(table)}
         WHERE ${q(column)} IS NOT NULL AND ${q(idColumn)} > ? ORDER BY ${q(idColumn)} LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      for (const { id, sealed } of rows) {
        after = id;
        const binding = { table, column, rowId: id };
        try {
          if (sealedKid(sealed) === newest.kid) {
            report.alreadyCurrent += 1;
            continue;
          }
          const resealed = sealSecret(openSecret(sealed, binding, keys), binding, newest);
          await dataSource.query(
            `UPDATE ${q(table)} SET ${q(column)} = ? WHERE ${q(idColumn)} = ? AND ${q(column)} = ?`,
            [resealed, id, sealed],
          );
          report.resealed += 1;
        } catch {
          report.failed.push({ table, column, rowId: id });
        }
      }
    }
  }
  return report;
}
