// Retention of raw ledger rows: every interval, delete rows older than the retention period. The
// aggregates (usage, stats) are never touched, so usage reports stay whole after a purge.
import type { Logger } from '@ndxp/runtime';
import type { LedgerStore } from '@ndxp/store';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: LedgerStore;
  logger: Logger;
  /** Days raw rows are kept; 0 disables retention. */
  days: number;
  /** How often to purge, ms. */
  intervalMs: number;
  /** The clock (tests pass their own). */
  now?: () => number;
}

/** A running retention timer. */
export interface Retention {
  /** Purges once now; returns the rows deleted (0 when retention is off). */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a purge in flight. */
  stop(): Promise<void>;
}

/** Starts periodic retention (a first purge right away); a failed purge is logged and retried next time. */
export function startRetention(options: RetentionOptions): Retention {
  const { store, logger, days, intervalMs } = options;
  const now = options.now ?? Date.now;
  let inFlight: Promise<number> = Promise.resolve(0);
  const runOnce = (): Promise<number> => {
    if (days <= 0) return Promise.resolve(0);
    inFlight = inFlight
      .catch(() => 0)
      .then(async () => {
        const cutoffMs = now() - days * DAY_MS;
        const deleted = await store.purgeBefore(cutoffMs);
        logger.info({ deleted, cutoff: new Date(cutoffMs).toISOString(), days }, 'ledger retention purged raw rows');
        return deleted;
      });
    return inFlight;
  };
  const tick = (): void => {
    runOnce().catch((err: unknown) => logger.error({ err }, 'ledger retention failed; retrying at the next interval'));
  };
  const timer = days > 0 ? setInterval(tick, intervalMs) : undefined;
  timer?.unref();
  if (days > 0) tick();
  return {
    runOnce,
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await inFlight.catch(() => undefined);
    },
  };
}
