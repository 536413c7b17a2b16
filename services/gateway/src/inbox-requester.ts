// Request-reply on one wildcard subscription under a fixed inbox prefix. The runtime's ReplyMux
// always uses nats.js's default `_INBOX.` prefix, but the gateway's NATS user may subscribe only
// to its own inboxes (`_INBOX.gateway.>`, see @ndxp/broker-auth inboxPrefixFor).
import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** Why a request failed. */
export type RequestFailure = 'timeout' | 'no_responders' | 'closed';

/** A failed request; `reason` says why. */
export class RequestFailed extends Error {
  override readonly name = 'RequestFailed';
  constructor(readonly reason: RequestFailure) {
    super(reason);
  }
}

interface Pending {
  resolve(m: Msg): void;
  reject(e: RequestFailed): void;
  timer: NodeJS.Timeout;
}

/** Sends requests whose replies come back on one subscription under `inboxPrefix`. */
export class InboxRequester {
  private readonly prefix: string;
  private readonly pending = new Map<string, Pending>();
  private readonly sub: Subscription;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    inboxPrefix: string,
  ) {
    this.prefix = `${createInbox(inboxPrefix)}.`;
    this.sub = nc.subscribe(`${this.prefix}*`, {
      callback: (err, msg) => {
        if (err) return;
        const token = msg.subject.slice(this.prefix.length);
        const p = this.pending.get(token);
        if (!p) return;
        this.pending.delete(token);
        clearTimeout(p.timer);
        // A 503 status without payload is the server saying nobody subscribes to the subject.
        if (msg.data.length === 0 && msg.headers?.code === 503) p.reject(new RequestFailed('no_responders'));
        else p.resolve(msg);
      },
    });
  }

  /** Publishes `data` to `subject` and resolves with the first reply, or rejects with RequestFailed. */
  request(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    const token = (this.next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new RequestFailed('timeout'));
      }, timeoutMs);
      this.pending.set(token, { resolve, reject, timer });
      try {
        this.nc.publish(subject, data, headers ? { reply: this.prefix + token, headers } : { reply: this.prefix + token });
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(token);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Fails every waiting request and stops listening. */
  close(): void {
    this.sub.unsubscribe();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new RequestFailed('closed'));
    }
    this.pending.clear();
  }
}
