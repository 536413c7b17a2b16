// VerifyLedger on a ledger of several walk slices: the answer, and progress told along the way.
import { MeterEvent, Outcome } from '@ndxp/contracts';
import { openSqliteLedgerStore } from '@ndxp/store';
import { SNAPSHOT } from './registry.fixture';
import { createReports } from './reports';

describe('VerifyLedger progress', () => {
  it('tells how far a walk of several slices has got, in order, and answers OK with every record checked', async () => {
    const store = openSqliteLedgerStore(':memory:');
    try {
      const events = Array.from({ length: 45_000 }, (_, i) =>
        MeterEvent.fromPartial({
          requestId: `walk-${String(i).padStart(6, '0')}`,
          consumer: 'TINH-01-LGSP',
          provider: 'BO-BKHDT-DKDN',
          service: 'GetEnterprise',
          outcome: Outcome.OUTCOME_OK,
          code: 'ok',
          receivedAtMs: Date.UTC(2021, 5, 1) + i,
        }),
      );
      await store.append(events);
      const progress: { seq: number; tailSeq: number; recordsPerSecond: number }[] = [];
      const reports = createReports({
        store,
        snapshot: async () => SNAPSHOT,
        onWalkProgress: (p) => progress.push(p),
        walkProgressEveryMs: 0,
      });
      const v = await reports.verifyLedger({ fromSeq: 0 });
      expect(v).toMatchObject({ ok: true, checked: 45_000, tailSeq: 45_000, problem: '' });
      // Slices of 20,000: the first sets the pace, the next two are told.
      expect(progress.map((p) => p.seq)).toEqual([40_000, 45_000]);
      expect(progress.every((p) => p.tailSeq === 45_000 && p.recordsPerSecond > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
