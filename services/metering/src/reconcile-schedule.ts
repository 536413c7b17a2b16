// The periodic reconciliation of the ledger against the meter stream: every METERING_RECONCILE_MS
// the trailing METERING_RECONCILE_WINDOW_MS of the stream is walked (reconcile.ts); the result goes
// to the metrics (ndxp_ledger_reconcile_missing, ndxp_ledger_reconcile_runs_total) and, when the
// ledger lacks events, to an error log naming how many and the first request ids.
import type { ReconcileLedgerResponse } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReconcileStart } from './reconcile';

/** Request ids named in the log line of a gap (the RPC and the CLI list up to 100). */
const LOGGED_IDS = 10;

/** How one periodic run ended. */
export type ReconcileRunResult = 'ok' | 'gap' | 'mismatch' | 'error';

/** The result label of a finished reconciliation. */
export function runResult(r: ReconcileLedgerResponse): ReconcileRunResult {
  if (r.missing > 0) return 'gap';
  return r.outcomeMismatches > 0 ? 'mismatch' : 'ok';
}

export interface ReconcileScheduleOptions {
  /** Walks the stream from the start given (reconcileLedger bound to the service's connection and store). */
  reconcile: (start: ReconcileStart, signal: AbortSignal) => Promise<ReconcileLedgerResponse>;
  logger: Logger;
  /** How often, ms; 0 never. */
  intervalMs: number;
  /** How far back each run walks, ms. */
  windowMs: number;
  registry?: Registry | undefined;
  now?: () => number;
}

/** A running schedule. */
export interface ReconcileSchedule {
  /** Runs once now (the trailing window) unless a run is in flight, whose result it then returns. */
  runOnce(): Promise<ReconcileLedgerResponse | undefined>;
  /** Stops the timer and ends a run in flight. */
  stop(): Promise<void>;
}

/** Starts the periodic reconciliation (the first run one interval after start). */
export function startReconcileSchedule(options: ReconcileScheduleOptions): ReconcileSchedule {
  const { logger, intervalMs, windowMs } = options;
  const now = options.now ?? Date.now;
  // The same metrics again when metering is started again in one process (in-process use, tests).
  const registry = options.registry;
  const missingGauge =
    (registry?.getSingleMetric('ndxp_ledger_reconcile_missing') as Gauge | undefined) ??
    new Gauge({
      name: 'ndxp_ledger_reconcile_missing',
      help: 'Meter stream events the ledger lacked in the last periodic reconciliation',
      registers: registry ? [registry] : [],
    });
  const mismatchGauge =
    (registry?.getSingleMetric('ndxp_ledger_reconcile_mismatches') as Gauge | undefined) ??
    new Gauge({
      name: 'ndxp_ledger_reconcile_mismatches',
      help: 'Ok meter stream events whose ledgered transaction was not ok, in the last periodic reconciliation',
      registers: registry ? [registry] : [],
    });
  const runs =
    (registry?.getSingleMetric('ndxp_ledger_reconcile_runs_total') as Counter<'result'> | undefined) ??
    new Counter({
      name: 'ndxp_ledger_reconcile_runs_total',
      help: 'Periodic reconciliations of the ledger against the meter stream, by result (ok, gap, mismatch, error)',
      labelNames: ['result'] as const,
      registers: registry ? [registry] : [],
    });
  const abort = new AbortController();
  let inFlight: Promise<ReconcileLedgerResponse | undefined> | undefined;

  const runOnce = (): Promise<ReconcileLedgerResponse | undefined> => {
    inFlight ??= (async () => {
      const sinceMs = now() - windowMs;
      try {
        const r = await options.reconcile({ sinceMs }, abort.signal);
        const result = runResult(r);
        runs.inc({ result });
        missingGauge.set(r.missing);
        mismatchGauge.set(r.outcomeMismatches);
        const summary = {
          since: new Date(sinceMs).toISOString(),
          eventsScanned: r.eventsScanned,
          firstSeq: r.firstSeq,
          lastSeq: r.lastSeq,
          ackFloor: r.ackFloor,
          missing: r.missing,
          outcomeMismatches: r.outcomeMismatches,
        };
        if (result === 'gap') {
          const firstIds = r.firstMissing.slice(0, LOGGED_IDS).map((m) => m.requestId);
          logger.error({ ...summary, firstIds }, `ledger reconciliation: ${r.missing} meter stream events are missing from the ledger`);
        } else if (result === 'mismatch') {
          const firstIds = r.firstMismatches.slice(0, LOGGED_IDS).map((m) => m.requestId);
          logger.warn({ ...summary, firstIds }, `ledger reconciliation: ${r.outcomeMismatches} ok events are not ok in the ledger`);
        } else logger.info(summary, 'ledger reconciliation: every meter stream event is in the ledger');
        return r;
      } catch (err) {
        if (abort.signal.aborted) return undefined;
        runs.inc({ result: 'error' });
        logger.warn({ err }, 'ledger reconciliation failed; trying again at the next interval');
        return undefined;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
  const timer = intervalMs > 0 ? setInterval(() => void runOnce(), intervalMs) : undefined;
  timer?.unref();
  return {
    runOnce,
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      abort.abort();
      await inFlight;
    },
  };
}
