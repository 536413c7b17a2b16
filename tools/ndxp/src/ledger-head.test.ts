// checkAgainstHead: a ledger behind the head metering exported has lost its tail; at the head with
// another hash it was changed; ahead of it, or with no head yet, it is fine.
import { checkAgainstHead, parseHeadTarget } from './ledger-head';

const HASH = 'ab'.repeat(32);
const head = { instance: 'metering-1', seq: 120, hash: HASH, atMs: Date.UTC(2026, 11, 1, 9) };

describe('the ledger against the exported chain head', () => {
  it('finds a lost tail: the ledger ends before the exported head', () => {
    const r = checkAgainstHead({ tailSeq: 100, tailHash: 'cd'.repeat(32) }, head);
    expect(r.ok).toBe(false);
    expect(r.line).toBe(
      'BAD deleted: the ledger ends at seq 100, but metering-1 exported seq 120 at 2026-12-01T16:00:00+07:00: records 101 to 120 are lost',
    );
  });

  it('finds a changed head record, and accepts the same one or a ledger that has grown since', () => {
    expect(checkAgainstHead({ tailSeq: 120, tailHash: 'cd'.repeat(32) }, head).ok).toBe(false);
    expect(checkAgainstHead({ tailSeq: 120, tailHash: HASH }, head).ok).toBe(true);
    expect(checkAgainstHead({ tailSeq: 500, tailHash: 'ef'.repeat(32) }, head).ok).toBe(true);
    expect(checkAgainstHead({ tailSeq: 0, tailHash: '' }, undefined)).toMatchObject({ ok: true });
  });

  it('reads the audit entry a head was recorded as', () => {
    expect(parseHeadTarget(`metering-1 seq=120 hash=${HASH}`, head.atMs)).toEqual(head);
    expect(parseHeadTarget('metering-1 seq=x hash=y', 0)).toBeUndefined();
  });
});
