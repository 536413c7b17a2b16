// Whether a running adapter takes requests: connected to NATS, endpoints subscribed, not draining.
import type { NatsConnection } from '@nats-io/nats-core';
import type { Readiness } from '@ndxp/runtime';

/** Follows the connection's status events; `check()` is cheap enough for every probe. */
export class ReadinessTracker {
  private connected = true;
  private serving = false;
  private draining = false;
  private failed: string | undefined;
  private readonly events: AsyncIterable<unknown> & { stop?: () => void };

  constructor(private readonly nc: NatsConnection) {
    this.events = nc.status();
    void this.follow();
  }

  /** The endpoints are subscribed and the server has seen them. */
  markServing(): void {
    this.serving = true;
  }

  /** Stop has begun: not ready from now on, whatever the connection does. */
  markDraining(): void {
    this.draining = true;
    this.events.stop?.();
  }

  /** The service ended on its own (a subscription failed). */
  markFailed(reason: string): void {
    this.failed = reason;
  }

  check(): Readiness {
    if (this.draining) return { ready: false, reason: 'draining' };
    if (this.failed) return { ready: false, reason: this.failed };
    if (this.nc.isClosed()) return { ready: false, reason: 'nats connection closed' };
    if (this.nc.isDraining()) return { ready: false, reason: 'nats connection draining' };
    if (!this.connected) return { ready: false, reason: 'nats disconnected' };
    if (!this.serving) return { ready: false, reason: 'endpoints not subscribed yet' };
    return { ready: true };
  }

  private async follow(): Promise<void> {
    try {
      for await (const s of this.events) {
        const type = (s as { type?: string }).type;
        if (type === 'disconnect') this.connected = false;
        else if (type === 'reconnect') this.connected = true;
      }
    } catch {
      // the iterator ends with the connection; check() then reads isClosed()
    }
  }
}
