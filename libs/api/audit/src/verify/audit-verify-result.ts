export type ChainProblemKind = 'modified' | 'inserted' | 'deleted';

/** The first place where the stored chain departs from the one that was written. */
export interface ChainProblem {
  /** The modified or inserted row's seq; for a deletion, the (first) missing seq. */
  seq: number;
  /** The modified or inserted row; for a deletion, the row after the gap (null: the tail is gone). */
  id: string | null;
  problem: ChainProblemKind;
  detail: string;
}

export type AuditVerifyResult =
  | { ok: true; count: number }
  /** count: rows read when the walk stopped at the problem. */
  | { ok: false; count: number; first: ChainProblem };

/** The one line `npm run audit:verify` prints. */
export function formatAuditVerifyResult(result: AuditVerifyResult): string {
  if (result.ok) return `audit chain intact: ${result.count} event${result.count === 1 ? '' : 's'}`;
  const { seq, id, problem, detail } = result.first;
  return `audit chain BROKEN at seq ${seq} (id ${id ?? 'none'}): ${problem} — ${detail}`;
}
