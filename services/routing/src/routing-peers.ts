// Which other routing replicas are alive: each replica says so on ndxp.routing.peers every second
// (its run id) and counts the others it heard from in the last three. The shared replay memory is only worth its
// cost (two JetStream writes a request) while there is another replica a replay could land on.
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';

/** How often a replica announces itself, ms. */
export const PEER_ANNOUNCE_MS = 1_000;
/** A replica not heard from for this long is gone, ms. */
export const PEER_EXPIRY_MS = 3_000;

/** The other routing replicas this one has heard from. */
export class RoutingPeers {
  private readonly seen = new Map<string, number>();
  private readonly sub: Subscription;
  private readonly timer: NodeJS.Timeout;
  private readonly encoded: Uint8Array;
  private count = 0;
  private readonly startedAt = performance.now();
  private readonly leftListeners: Array<(id: string) => void> = [];

  constructor(
    private readonly nc: NatsConnection,
    /** This process's run id (its instance id and a nonce: a restarted container is a new run). */
    run: string,
    private readonly logger?: Logger,
  ) {
    this.encoded = new TextEncoder().encode(run);
    const decoder = new TextDecoder();
    this.sub = nc.subscribe(subjects.routingPeers, {
      callback: (err, msg) => {
        if (err) return;
        const id = decoder.decode(msg.data);
        if (id !== run && id.length > 0 && id.length <= 200) {
          const known = this.seen.has(id);
          this.seen.set(id, performance.now());
          this.count = this.seen.size;
          // A replica just started: answer at once, so that it knows of this one within a round trip.
          if (!known) {
            logger?.info({ peer: id, peers: this.count }, 'routing peer joined');
            this.announce();
          }
        }
      },
    });
    this.timer = setInterval(() => this.announce(), PEER_ANNOUNCE_MS);
    this.timer.unref();
    this.announce();
  }

  /** Other replicas heard from within PEER_EXPIRY_MS (a new one counts at once; a gone one within a second of expiring). */
  get others(): number {
    return this.count;
  }

  /** The runs heard from within PEER_EXPIRY_MS (this one not among them). */
  aliveRuns(): ReadonlySet<string> {
    return new Set(this.seen.keys());
  }

  /** True once this replica has listened for PEER_EXPIRY_MS: a replica it has not heard from is gone. */
  get settled(): boolean {
    return performance.now() - this.startedAt > PEER_EXPIRY_MS;
  }

  /** Calls `listener` with the id of each replica that goes silent. */
  onLeft(listener: (id: string) => void): void {
    this.leftListeners.push(listener);
  }

  private announce(): void {
    const now = performance.now();
    for (const [id, at] of this.seen)
      if (now - at > PEER_EXPIRY_MS) {
        this.seen.delete(id);
        this.logger?.info({ peer: id, peers: this.seen.size }, 'routing peer left');
        for (const listener of this.leftListeners) listener(id);
      }
    this.count = this.seen.size;
    try {
      this.nc.publish(subjects.routingPeers, this.encoded);
    } catch {
      // Disconnected: the next announcement goes out after the reconnect.
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.sub.unsubscribe();
  }
}
