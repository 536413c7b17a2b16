// The client's view of its broker connection, for the retry loop. nats.js 3.4 does not keep what is
// published while disconnected: publish() appends to the outbound buffer, and every dial attempt
// starts by resetting that buffer (ProtocolHandler.prepare → resetOutbound), so a request sent
// between the drop and the reconnect, or sent before the drop but not yet flushed, never reaches
// the broker, and its caller would wait out the whole timeout. The loop therefore waits for the
// link before sending and fails the attempts in flight at a disconnect, to send them again (same
// request id, the budget left) once the connection is back.
import type { NatsConnection } from '@nats-io/nats-core';

/** Resolves with the reason when the connection drops (or closes); cancel() when the attempt ends. */
export interface DropWatch {
  dropped: Promise<string>;
  cancel(): void;
}

/** Follows nc.status(): up or down, with waiters for either edge. */
export class Link {
  private upNow = true;
  private closed = false;
  private readonly onDown = new Set<(reason: string) => void>();
  private readonly onUp = new Set<() => void>();
  /** Disconnects seen since the client started. */
  disconnects = 0;

  constructor(private readonly nc: NatsConnection) {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect') this.down('connection to the broker lost');
        else if (s.type === 'reconnect') this.up();
        else if (s.type === 'close') break;
      }
    })()
      .catch(() => undefined)
      .finally(() => {
        this.closed = true;
        this.down('connection to the broker closed');
      });
  }

  /** True while connected (as far as the status events have told). */
  get isUp(): boolean {
    return this.upNow && !this.closed && !this.nc.isClosed();
  }

  /** Resolves true once connected, false when `ms` pass first or the connection is closed. */
  async whenUp(ms: number): Promise<boolean> {
    if (this.isUp) return true;
    if (this.closed || this.nc.isClosed() || ms <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        this.onUp.delete(onUp);
        this.onDown.delete(onClose);
        resolve(ok);
      };
      const onUp = (): void => done(true);
      const onClose = (): void => {
        if (this.closed) done(false);
      };
      const timer = setTimeout(() => done(false), ms);
      this.onUp.add(onUp);
      this.onDown.add(onClose);
    });
  }

  /** Watches for the next drop of the connection (an attempt in flight then has lost its request). */
  watchDrop(): DropWatch {
    let fire!: (reason: string) => void;
    const dropped = new Promise<string>((resolve) => (fire = resolve));
    this.onDown.add(fire);
    return { dropped, cancel: () => this.onDown.delete(fire) };
  }

  private down(reason: string): void {
    if (reason.endsWith('lost')) this.disconnects++;
    this.upNow = false;
    for (const f of [...this.onDown]) f(reason);
  }

  private up(): void {
    this.upNow = true;
    for (const f of [...this.onUp]) f();
  }
}
