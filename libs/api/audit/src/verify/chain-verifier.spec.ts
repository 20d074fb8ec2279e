import { chainHash, GENESIS_HASH } from '../chain/chain-hash';
import type { AuditEventEntity } from '../events/audit-event.entity';
import { anEvent, anIntactChain, aStoredRow } from '../testing/audit-chain.fixture';
import { type AuditVerifyResult, formatAuditVerifyResult } from './audit-verify-result';
import { ChainVerifier, expectedHash } from './chain-verifier';

/** The walk verify-audit-chain.ts does, over rows in memory. */
function verify(rows: AuditEventEntity[], head: { seq: number; hash: string }): AuditVerifyResult {
  const verifier = new ChainVerifier(head);
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  for (const [i, row] of sorted.entries()) {
    const problem = verifier.check(row, sorted[i + 1]?.prevHash ?? head.hash);
    if (problem) return { ok: false, count: verifier.count, first: problem };
  }
  const problem = verifier.finish();
  return problem ? { ok: false, count: verifier.count, first: problem } : { ok: true, count: verifier.count };
}

const at = (rows: AuditEventEntity[], seq: number) => rows.find((r) => r.seq === seq) as AuditEventEntity;
const rehash = (row: AuditEventEntity) => ({ ...row, hash: expectedHash(row) as string });

describe('ChainVerifier', () => {
  it('accepts an intact chain, and an empty one', () => {
    const { rows, head } = anIntactChain(6);
    expect(verify(rows, head)).toEqual({ ok: true, count: 6 });
    expect(verify([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, count: 0 });
  });

  it('names a row whose contents changed as modified', () => {
    const { rows, head } = anIntactChain(6);
    const tampered = rows.map((r) => (r.seq === 3 ? { ...r, outcome: 'failure' } : r));
    expect(verify(tampered, head)).toMatchObject({
      ok: false,
      count: 3,
      first: { seq: 3, id: at(rows, 3).id, problem: 'modified' },
    });
  });

  it('names a row whose details text was rewritten, even to equal JSON', () => {
    const { rows, head } = anIntactChain(4);
    const tampered = rows.map((r) => (r.seq === 2 ? { ...r, detailsJson: '{ "method": "password" }' } : r));
    expect(verify(tampered, head)).toMatchObject({ first: { seq: 2, problem: 'modified' } });
  });

  it('names a changed and re-hashed row as modified, not the row whose link broke', () => {
    const { rows, head } = anIntactChain(6);
    const tampered = rows.map((r) => (r.seq === 3 ? rehash({ ...r, actorId: 'someone-else' }) : r));
    expect(verify(tampered, head)).toMatchObject({
      first: { seq: 3, id: at(rows, 3).id, problem: 'modified' },
    });
    const last = rows.map((r) => (r.seq === 6 ? rehash({ ...r, actorId: 'someone-else' }) : r));
    expect(verify(last, head)).toMatchObject({ first: { seq: 6, problem: 'modified' } });
  });

  it('names a deleted middle row by its seq and the row after the gap', () => {
    const { rows, head } = anIntactChain(6);
    expect(
      verify(
        rows.filter((r) => r.seq !== 3),
        head,
      ),
    ).toMatchObject({
      first: { seq: 3, id: at(rows, 4).id, problem: 'deleted' },
    });
    expect(
      verify(
        rows.filter((r) => r.seq !== 3 && r.seq !== 4),
        head,
      ),
    ).toMatchObject({
      first: { seq: 3, problem: 'deleted', detail: 'seqs 3–4 are missing before seq 5' },
    });
  });

  it('catches deleted last rows through the head', () => {
    const { rows, head } = anIntactChain(6);
    expect(verify(rows.slice(0, 5), head)).toMatchObject({
      ok: false,
      count: 5,
      first: { seq: 6, id: null, problem: 'deleted' },
    });
    expect(verify([], head)).toMatchObject({ first: { seq: 1, problem: 'deleted' } });
  });

  it('names a forged row appended after the head as inserted', () => {
    const { rows, head } = anIntactChain(5);
    const forged = aStoredRow(anEvent(6, { id: 'forged' }), head.hash);
    expect(verify([...rows, forged], head)).toMatchObject({
      first: { seq: 6, id: 'forged', problem: 'inserted' },
    });
    const junk = { ...forged, hash: 'a'.repeat(64) };
    expect(verify([...rows, junk], head)).toMatchObject({
      first: { seq: 6, id: 'forged', problem: 'inserted' },
    });
  });

  it('names a forged row slipped into the middle (later rows renumbered) as inserted', () => {
    const { rows, head } = anIntactChain(6);
    const shifted = rows.map((r) => (r.seq >= 4 ? { ...r, seq: r.seq + 1 } : r));
    const forged = aStoredRow(anEvent(4, { id: 'forged' }), at(rows, 3).hash);
    expect(verify([...shifted, forged], head)).toMatchObject({
      first: { seq: 4, id: 'forged', problem: 'inserted' },
    });
    const junk = { ...forged, hash: chainHash(GENESIS_HASH, anEvent(99)) };
    expect(verify([...shifted, junk], head)).toMatchObject({
      first: { seq: 4, id: 'forged', problem: 'inserted' },
    });
  });

  it('names a row before the chain start as inserted', () => {
    const { rows, head } = anIntactChain(3);
    const forged = aStoredRow(anEvent(0, { id: 'forged' }), GENESIS_HASH);
    expect(verify([forged, ...rows], head)).toMatchObject({
      first: { seq: 0, id: 'forged', problem: 'inserted' },
    });
  });

  it('notices a head that no longer matches the last row', () => {
    const { rows, head } = anIntactChain(3);
    expect(verify(rows, { ...head, hash: 'b'.repeat(64) })).toMatchObject({
      first: { seq: 3, problem: 'modified' },
    });
    expect(verify([], { seq: 0, hash: 'b'.repeat(64) })).toMatchObject({
      ok: false,
      first: { problem: 'modified' },
    });
  });
});

describe('formatAuditVerifyResult', () => {
  it('prints one line for either outcome', () => {
    expect(formatAuditVerifyResult({ ok: true, count: 12 })).toBe('audit chain intact: 12 events');
    expect(formatAuditVerifyResult({ ok: true, count: 1 })).toBe('audit chain intact: 1 event');
    expect(
      formatAuditVerifyResult({
        ok: false,
        count: 3,
        first: { seq: 3, id: 'e-3', problem: 'modified', detail: 'x' },
      }),
    ).toBe('audit chain BROKEN at seq 3 (id e-3): modified — x');
  });
});
