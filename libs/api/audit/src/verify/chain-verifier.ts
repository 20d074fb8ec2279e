import { chainHash, GENESIS_HASH } from '../chain/chain-hash';
import type { AuditEventEntity } from '../events/audit-event.entity';
import { parseStoredDetails } from '../events/stored-details';
import type { ChainProblem, ChainProblemKind } from './audit-verify-result';

/** How many verified rows are remembered to recognise the row an inserted one was slipped after. */
const RECENT_WINDOW = 1000;

interface Link {
  seq: number;
  id: string;
  hash: string;
}

/** The hash a stored row should carry, or null when its details column is unreadable. */
export function expectedHash(row: AuditEventEntity): string | null {
  const details = parseStoredDetails(row.detailsJson);
  if (!details.ok) return null;
  const { detailsJson: _json, prevHash, hash: _hash, ...fields } = row;
  return chainHash(prevHash, { ...fields, details: details.details });
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;
const problemAt = (row: Link, problem: ChainProblemKind, detail: string): ChainProblem => ({
  seq: row.seq,
  id: row.id,
  problem,
  detail,
});

/**
 * Walks a chain row by row in seq order (pure; the I/O is in verify-audit-chain.ts) and names the
 * first row that was modified, inserted or deleted. Each row is checked together with what its
 * successor records as its predecessor's hash (the next row's prev_hash, or the head's hash for
 * the last row): that look-ahead tells a forged row from a re-hashed one.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private readonly recent: Link[] = [];
  count = 0;

  constructor(private readonly head: { seq: number; hash: string }) {}

  check(row: AuditEventEntity, successorPrevHash: string): ChainProblem | null {
    this.count++;
    const expected = this.expectedSeq;
    if (row.seq < expected) return problemAt(row, 'inserted', `seq ${row.seq} lies before the chain's start`);
    if (row.seq > expected) {
      const what = row.seq - 1 > expected ? `seqs ${expected}–${row.seq - 1} are` : `seq ${expected} is`;
      return {
        seq: expected,
        id: row.id,
        problem: 'deleted',
        detail: `${what} missing before seq ${row.seq}`,
      };
    }

    const contentOk = expectedHash(row) === row.hash;
    const linkOk = row.prevHash === this.prevHash;
    if (contentOk && linkOk) {
      this.accept(row);
      return null;
    }
    // The next row links straight to our predecessor: this row was slipped in between.
    if (successorPrevHash === this.prevHash) {
      return problemAt(row, 'inserted', `the chain continues from seq ${expected - 1} past it`);
    }
    // This row links to an earlier row: the rows after that one were slipped in.
    if (!linkOk) {
      const linked = this.recent.findIndex((link) => link.hash === row.prevHash);
      const forged = linked >= 0 ? this.recent[linked + 1] : undefined;
      if (forged) {
        return problemAt(
          forged,
          'inserted',
          `seq ${row.seq} links to seq ${forged.seq - 1}, skipping this one`,
        );
      }
    }
    if (!contentOk) return problemAt(row, 'modified', 'its contents no longer match its hash');
    // Self-consistent but not linked. If the next row vouches for this one, the previous row was
    // changed and its hash recomputed.
    const previous = this.recent[this.recent.length - 1];
    if (previous && successorPrevHash === row.hash) {
      const detail = `changed and re-hashed: seq ${row.seq} records ${short(row.prevHash)} as its hash`;
      return problemAt(previous, 'modified', detail);
    }
    return problemAt(
      row,
      'modified',
      `re-hashed onto ${short(row.prevHash)}, not seq ${expected - 1}'s hash`,
    );
  }

  /** After the last row: the head must name it, with its hash. */
  finish(): ChainProblem | null {
    const lastSeq = this.expectedSeq - 1;
    const { seq: headSeq, hash: headHash } = this.head;
    if (lastSeq < headSeq) {
      const what = headSeq > lastSeq + 1 ? `seqs ${lastSeq + 1}–${headSeq} are` : `seq ${headSeq} is`;
      const detail = `${what} missing at the end (the head records seq ${headSeq})`;
      return { seq: lastSeq + 1, id: null, problem: 'deleted', detail };
    }
    if (lastSeq > headSeq) {
      const first = this.recent.find((link) => link.seq === headSeq + 1);
      const detail = `appended after the last recorded event (the head records seq ${headSeq})`;
      return { seq: headSeq + 1, id: first?.id ?? null, problem: 'inserted', detail };
    }
    if (headHash === this.prevHash) return null;
    const last = this.recent[this.recent.length - 1];
    const detail = `changed and re-hashed: the head records ${short(headHash)} as its hash`;
    return last
      ? problemAt(last, 'modified', detail)
      : {
          seq: 0,
          id: null,
          problem: 'modified',
          detail: 'the head of an empty chain is not the genesis hash',
        };
  }

  private accept(row: AuditEventEntity): void {
    this.prevHash = row.hash;
    this.expectedSeq = row.seq + 1;
    this.recent.push({ seq: row.seq, id: row.id, hash: row.hash });
    if (this.recent.length > RECENT_WINDOW) this.recent.shift();
  }
}
