// How long a message read now may have waited unread because this process did not run: frozen
// (SIGSTOP, a paused VM, a stop-the-world pause) or its event loop blocked. What the broker sent
// meanwhile sits in the socket buffer, and when the process runs again it reads it as if it had just
// arrived: a relative budget counted from that moment would serve requests whose senders gave up
// long ago. A timer ticks every STALL_TICK_MS (monotonic clock); a message read while the last tick
// is overdue, or within one tick after a tick that came late, is charged the whole stall (it may
// have arrived at its start). Fresh messages read in that short window are charged too: the price
// of not knowing, paid in server.timeout answers the senders may retry.
import { performance } from 'node:perf_hooks';

/** Period of the timer, ms. */
export const STALL_TICK_MS = 100;
/** Lateness below this is not a stall (timer jitter, a busy turn), ms. */
export const STALL_FLOOR_MS = 200;

/** Watches this process's event loop for stalls. */
export class LoopStall {
  private lastTick = performance.now();
  private lastStallMs = 0;
  private lastStallAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  /** Starts the timer (unref'd: it keeps no process alive). */
  start(): this {
    if (this.timer) return this;
    this.lastTick = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = now - this.lastTick - STALL_TICK_MS;
      if (late > STALL_FLOOR_MS) {
        this.lastStallMs = late;
        this.lastStallAt = now;
      }
      this.lastTick = now;
    }, STALL_TICK_MS);
    this.timer.unref();
    return this;
  }

  /** The stall a message read now may have waited through, ms (0 when the loop has been turning). */
  stalledMs(now = performance.now()): number {
    if (!this.timer) return 0;
    const current = now - this.lastTick - STALL_TICK_MS;
    if (current > STALL_FLOOR_MS) return Math.round(current);
    if (now - this.lastStallAt <= STALL_TICK_MS) return Math.round(this.lastStallMs);
    return 0;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
