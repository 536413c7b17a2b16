// The periodic reconciliation around a fake walk: the trailing window it asks for, the metrics it
// sets (missing in the last run, runs by result), the log line naming a gap, and a stop that ends
// the run in flight.
import type { ReconcileLedgerResponse } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { Registry } from 'prom-client';
import type { ReconcileStart } from './reconcile';
import { runResult, startReconcileSchedule } from './reconcile-schedule';

const answer = (over: Partial<ReconcileLedgerResponse> = {}): ReconcileLedgerResponse => ({
  eventsScanned: 10,
  firstSeq: 1,
  lastSeq: 4,
  ackFloor: 4,
  missing: 0,
  firstMissing: [],
  outcomeMismatches: 0,
  firstMismatches: [],
  startMs: 0,
  undecodable: 0,
  beyondRetention: 0,
  pending: 0,
  ok: true,
  ...over,
});
const missingOne = (requestId: string) => ({
  requestId,
  code: 'ok',
  streamSeq: 3,
  receivedAtMs: 0,
  routingInstance: 'routing-a',
  consumer: 'TINH-01-LGSP',
  provider: 'BO-BKHDT-DKDN',
  service: 'GetEnterprise',
});

/** A logger whose lines are kept (pino writes JSON lines to the stream). */
function capturingLogger(): { logger: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { service: 'metering-test', level: 'info' },
    { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) },
  );
  return { logger, lines };
}

const metric = async (registry: Registry, name: string): Promise<{ value: number; labels: Record<string, string | number> }[]> =>
  ((await registry.getSingleMetric(name)?.get())?.values ?? []).map((v) => ({
    value: v.value,
    labels: v.labels as Record<string, string | number>,
  }));

describe('startReconcileSchedule', () => {
  it('walks the trailing window, sets the missing gauge and counts the run by result', async () => {
    const registry = new Registry();
    const asked: ReconcileStart[] = [];
    const results = [answer(), answer({ missing: 2, ok: false, firstMissing: [missingOne('lost-1'), missingOne('lost-2')] })];
    const { logger, lines } = capturingLogger();
    const schedule = startReconcileSchedule({
      reconcile: async (start) => (asked.push(start), results.shift()!),
      logger,
      intervalMs: 0,
      windowMs: 3_600_000,
      registry,
      now: () => 10_000_000,
    });
    expect((await schedule.runOnce())?.missing).toBe(0);
    expect(await metric(registry, 'ndxp_ledger_reconcile_missing')).toEqual([{ value: 0, labels: {} }]);
    expect((await schedule.runOnce())?.missing).toBe(2);
    expect(asked).toEqual([{ sinceMs: 6_400_000 }, { sinceMs: 6_400_000 }]);
    expect(await metric(registry, 'ndxp_ledger_reconcile_missing')).toEqual([{ value: 2, labels: {} }]);
    expect(await metric(registry, 'ndxp_ledger_reconcile_runs_total')).toEqual(
      expect.arrayContaining([
        { value: 1, labels: { result: 'ok' } },
        { value: 1, labels: { result: 'gap' } },
      ]),
    );
    const gap = lines.find((l) => l['level'] === 50);
    expect(gap).toMatchObject({ missing: 2, firstIds: ['lost-1', 'lost-2'] });
    expect(String(gap?.['msg'])).toMatch(/2 meter stream events are missing from the ledger/);
    await schedule.stop();
  });

  it('counts a failed run as an error and keeps the last gauge', async () => {
    const registry = new Registry();
    const schedule = startReconcileSchedule({
      reconcile: async () => {
        throw new Error('no JetStream');
      },
      logger: capturingLogger().logger,
      intervalMs: 0,
      windowMs: 1_000,
      registry,
    });
    expect(await schedule.runOnce()).toBeUndefined();
    expect(await metric(registry, 'ndxp_ledger_reconcile_runs_total')).toEqual([{ value: 1, labels: { result: 'error' } }]);
    await schedule.stop();
  });

  it('runs every interval, one run at a time, and stop() ends the run in flight', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const schedule = startReconcileSchedule({
      reconcile: (_start, signal) => {
        runs++;
        return new Promise((resolve, reject) => {
          release = () => resolve(answer());
          signal.addEventListener('abort', () => reject(new Error('stopped')));
        });
      },
      logger: capturingLogger().logger,
      intervalMs: 20,
      windowMs: 1_000,
    });
    await new Promise((r) => setTimeout(r, 120));
    // Several intervals passed while the first run was still going: no second run started.
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBeGreaterThanOrEqual(2);
    await schedule.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(after);
  });

  it('names the result of a walk', () => {
    expect(runResult(answer())).toBe('ok');
    expect(runResult(answer({ missing: 1, outcomeMismatches: 1 }))).toBe('gap');
    expect(runResult(answer({ outcomeMismatches: 1 }))).toBe('mismatch');
  });
});
