// Readiness beyond connection events: a link to the broker can be dead or the broker frozen while
// nats.js still says "connected" (no disconnect event until its pings run out), and a service whose
// event loop is stuck answers nothing although every flag is green. Two checks, both monotonic
// (performance.now(), never the wall clock):
//   - a round trip to the broker (nc.rtt(), a PING/PONG) every probeIntervalMs, each allowed
//     probeTimeoutMs; the link is stale when none succeeded for staleAfterMs;
//   - a timer that should fire every loopCheckMs; when it fires more than loopLagMs late the event
//     loop was blocked, and the service stays not ready for loopHoldMs after it.
import type { NatsConnection } from '@nats-io/nats-core';
import { performance } from 'node:perf_hooks';
import type { Readiness } from './ops-server';

export interface LinkHealthOptions {
  /** Time between two broker round trips, ms (1000). */
  probeIntervalMs?: number;
  /** Time one round trip may take, ms (1000). */
  probeTimeoutMs?: number;
  /** The link is stale when no round trip succeeded for this long, ms (3000). */
  staleAfterMs?: number;
  /** Period of the event-loop timer, ms (250). */
  loopCheckMs?: number;
  /** The loop counts as stuck when that timer fires this much late, ms (1000). */
  loopLagMs?: number;
  /** Not ready for this long after a stuck loop, ms (5000). */
  loopHoldMs?: number;
}

/** The defaults, as documented in the runtime README ("Readiness"). */
export const LINK_HEALTH_DEFAULTS: Required<LinkHealthOptions> = {
  probeIntervalMs: 1000,
  probeTimeoutMs: 1000,
  staleAfterMs: 3000,
  loopCheckMs: 250,
  loopLagMs: 1000,
  loopHoldMs: 5000,
};

/** Running checks of a connection and of the process's event loop. */
export interface LinkHealth {
  /** Not ready (with the reason) while the link is stale or shortly after the loop was stuck. */
  check(): Readiness;
  /** Last successful round trip to the broker, ms (undefined before the first). */
  lastRttMs(): number | undefined;
  /** Largest timer lag seen, ms, since the last call (for logs and metrics). */
  takeMaxLoopLagMs(): number;
  stop(): void;
}

/** Starts the round-trip probe on `nc` and the event-loop timer. */
export function startLinkHealth(nc: NatsConnection, options: LinkHealthOptions = {}): LinkHealth {
  const o = { ...LINK_HEALTH_DEFAULTS, ...options };
  let lastOk = performance.now();
  let rtt: number | undefined;
  let probing = false;
  let stuckUntil = 0;
  let stuckLag = 0;
  let maxLag = 0;

  const probe = (): void => {
    if (probing || nc.isClosed()) return;
    probing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('round trip timed out')), o.probeTimeoutMs);
    });
    Promise.race([nc.rtt(), timeout])
      .then((ms) => {
        rtt = ms;
        lastOk = performance.now();
      })
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        probing = false;
      });
  };
  // A reconnect has just done its own PING/PONG with the broker.
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'reconnect') lastOk = performance.now();
  })().catch(() => undefined);
  const probeTimer = setInterval(probe, o.probeIntervalMs);
  probeTimer.unref();

  let expected = performance.now() + o.loopCheckMs;
  const loopTimer = setInterval(() => {
    const now = performance.now();
    const lag = now - expected;
    expected = now + o.loopCheckMs;
    if (lag > maxLag) maxLag = lag;
    if (lag > o.loopLagMs) {
      stuckUntil = now + o.loopHoldMs;
      stuckLag = lag;
      // The probe's own timeout ran on the same blocked loop: do not count the block against the link.
      lastOk = Math.max(lastOk, now - o.probeIntervalMs);
    }
  }, o.loopCheckMs);
  loopTimer.unref();

  return {
    check() {
      const now = performance.now();
      if (now < stuckUntil) return { ready: false, reason: `event loop blocked for ${Math.round(stuckLag)} ms` };
      const since = now - lastOk;
      if (since > o.staleAfterMs) return { ready: false, reason: `no round trip to the broker for ${Math.round(since)} ms` };
      return { ready: true };
    },
    lastRttMs: () => rtt,
    takeMaxLoopLagMs() {
      const m = maxLag;
      maxLag = 0;
      return Math.round(m);
    },
    stop() {
      clearInterval(probeTimer);
      clearInterval(loopTimer);
    },
  };
}
