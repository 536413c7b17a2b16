// A circuit breaker over consecutive server-side failures of one national system.
import { ADAPTER_DEFAULTS } from './defaults';

/** 'closed' lets calls through; 'open' fails them fast; 'half-open' lets one trial call through. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Thresholds of a breaker. */
export interface BreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before a trial call (ms, default 5000). */
  resetMs?: number;
  /** Told of every state change (for logs). */
  onStateChange?: (to: BreakerState, from: BreakerState) => void;
  /** Clock, replaceable in tests. */
  now?: () => number;
}

/**
 * Counts consecutive failures; at the threshold it opens for resetMs, then admits one trial whose
 * outcome closes it (success) or opens it again (failure). Every admitted call must report back.
 */
export class CircuitBreaker {
  private readonly threshold: number;
  private readonly resetMs: number;
  private readonly now: () => number;
  private readonly onStateChange: ((to: BreakerState, from: BreakerState) => void) | undefined;
  private failures = 0;
  private openedAt = 0;
  private opened = false;
  private trialInFlight = false;

  constructor(options: BreakerOptions = {}) {
    this.threshold = options.failureThreshold ?? ADAPTER_DEFAULTS.breakerFailures;
    this.resetMs = options.resetMs ?? ADAPTER_DEFAULTS.breakerResetMs;
    this.now = options.now ?? Date.now;
    this.onStateChange = options.onStateChange;
  }

  /** Current state; an open circuit whose reset time has passed reads as half-open. */
  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.resetMs ? 'half-open' : 'open';
  }

  /** True when a call may go through now; in half-open, true for the one trial call only. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** Reports an admitted call that the system answered (any status that is not a server failure). */
  onSuccess(): void {
    const from = this.state;
    this.failures = 0;
    this.trialInFlight = false;
    if (this.opened) {
      this.opened = false;
      this.onStateChange?.('closed', from);
    }
  }

  /** Reports an admitted call that failed on the server side (5xx, unreachable, timeout). */
  onFailure(): void {
    const from = this.state;
    this.failures++;
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    if (wasTrial || (!this.opened && this.failures >= this.threshold)) {
      this.opened = true;
      this.openedAt = this.now();
      this.onStateChange?.('open', from);
    }
  }

  /** Reports an admitted call that ended without telling anything about the system's health. */
  onAbandoned(): void {
    this.trialInFlight = false;
  }

  /** Ms until an open circuit admits a trial (0 when not open). */
  retryInMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.resetMs - this.now()) : 0;
  }
}
