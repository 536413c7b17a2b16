import { ChainHasher, openSqliteLedgerStore } from '@ndxp/store';
import { ingestEvent, runIngest } from './ledger-ingest';

describe('ledger ingest benchmark', () => {
  it('appends every event once in batches and reports a rate and the progress lines', async () => {
    const store = openSqliteLedgerStore(':memory:');
    const lines: string[] = [];
    const r = await runIngest('sqlite', store, 2_000, 300, (l) => lines.push(l));
    expect(r).toMatchObject({ events: 2_000, batchSize: 300, entries: 2_000 });
    expect(r.eventsPerSecond).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^ingest sqlite: 2,000\/2,000 events, [\d,]+ events\/s$/);
    await store.close();
  });

  it("appends on metering's path (batch bytes read off the wire, chain hashed ahead) with a chain that verifies", async () => {
    const store = openSqliteLedgerStore(':memory:');
    const hasher = new ChainHasher();
    try {
      const r = await runIngest('wire', store, 12_000, 6_000, () => undefined, { hasher });
      expect(r).toMatchObject({ events: 12_000, entries: 12_000 });
      expect(await store.verifyChain()).toMatchObject({ ok: true, checked: 12_000 });
    } finally {
      await hasher.close();
      await store.close();
    }
  });

  it('makes distinct request ids spread over several consumers and days', () => {
    const a = ingestEvent('r', 1, 0);
    const b = ingestEvent('r', 2, 0);
    expect(a.requestId).not.toBe(b.requestId);
    expect(a.consumer).not.toBe(b.consumer);
    expect(a.receivedAtMs).not.toBe(b.receivedAtMs);
  });
});
