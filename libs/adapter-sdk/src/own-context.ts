// A request context for calls an adapter makes on its own (a feed poller, a relay, a test), with no
// consumer request behind them: the upstream client needs a deadline, a signal and a logger all the same.
import type { Logger } from '@ndxp/runtime';
import type { RequestContext } from './request-context';

/** What ownContext needs: an id for the national system's logs, a time budget, and how to cancel. */
export interface OwnContextOptions {
  requestId: string;
  /** Budget from now, ms. */
  timeoutMs: number;
  /** Default: a signal that fires at the deadline. */
  signal?: AbortSignal;
  logger: Logger;
  /** Default '' (no consumer). */
  consumer?: string;
}

/** Makes the context of one call the adapter makes by itself. */
export function ownContext(options: OwnContextOptions): RequestContext {
  const deadline = Date.now() + options.timeoutMs;
  return {
    requestId: options.requestId,
    consumer: options.consumer ?? '',
    version: 'v1',
    officer: undefined,
    purpose: undefined,
    deadline,
    signal: options.signal ?? AbortSignal.timeout(Math.max(1, options.timeoutMs)),
    logger: options.logger,
    remainingMs: () => Math.max(0, deadline - Date.now()),
  };
}

/** Waits ms, or less if the signal aborts (at once when it already has); the caller checks the signal after. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
