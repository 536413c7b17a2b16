// Request-reply on the hot path without nats.js's per-request Error objects: one wildcard inbox
// subscription, a token per request, a timer per request. nats.js builds a RequestError and a
// TimeoutError (with stack traces) for every request up front; on routing's path that was about a
// fifth of its CPU. This mux raises errors only when something fails.
import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** Why a muxed request failed. */
export type ReplyFailure = 'timeout' | 'no_responders' | 'closed';

/** A muxed request failure; `reason` says which. */
export class ReplyError extends Error {
  override readonly name = 'ReplyError';
  constructor(readonly reason: ReplyFailure) {
    super(reason);
  }
}

interface Pending {
  resolve(m: Msg): void;
  reject(e: ReplyError): void;
  timer: NodeJS.Timeout;
}

/** Sends requests whose replies come back on one shared wildcard subscription. */
export class ReplyMux {
  private readonly prefix: string;
  private readonly pending = new Map<string, Pending>();
  private readonly sub: Subscription;
  private next = 0;

  /**
   * Replies come back under `inboxPrefix`, by default the connection's own: under broker
   * authorization a role may subscribe only there (and routing answers the gateway only there).
   */
  constructor(
    private readonly nc: NatsConnection,
    inboxPrefix?: string,
  ) {
    this.prefix = `${createInbox(inboxPrefix ?? inboxPrefixOf(nc))}.`;
    this.sub = nc.subscribe(`${this.prefix}*`, {
      callback: (err, msg) => {
        if (err) return;
        const token = msg.subject.slice(this.prefix.length);
        const p = this.pending.get(token);
        if (!p) return;
        this.pending.delete(token);
        clearTimeout(p.timer);
        // A 503 status without payload is the server saying nobody subscribes to the subject.
        if (msg.data.length === 0 && msg.headers?.code === 503) p.reject(new ReplyError('no_responders'));
        else p.resolve(msg);
      },
    });
  }

  /** Publishes `data` to `subject` and resolves with the first reply, or rejects with a ReplyError. */
  request(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    const token = (this.next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new ReplyError('timeout'));
      }, timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
      this.nc.publish(subject, data, headers ? { reply: this.prefix + token, headers } : { reply: this.prefix + token });
    });
  }

  /** Requests waiting for a reply. */
  get size(): number {
    return this.pending.size;
  }

  /** Fails every waiting request and stops listening. */
  close(): void {
    this.sub.unsubscribe();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new ReplyError('closed'));
    }
    this.pending.clear();
  }
}

/** The inbox prefix the connection was opened with (nats.js keeps it in its options). */
function inboxPrefixOf(nc: NatsConnection): string | undefined {
  return (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix || undefined;
}
