// Metering events leave routing in batches: the events of every transaction that finished in the
// same event-loop turn (up to maxBatch) go to JetStream as one MeterEventBatch, one publish and one
// acknowledgement for all of them. Each transaction still waits for the acknowledgement of its own
// batch before it is answered (fail closed). The ledger's request-id key keeps an event counted once
// when a retried transaction appears in two batches. With maxBatch 1 every event goes alone as a
// MeterEvent on ndxp.meter.<consumer>.<provider>.<service> with the request id as its JetStream
// message id (the design's original form: the stream itself drops a retry inside its window).
import { headers as newHeaders } from '@nats-io/nats-core';
import { METER_STREAM, MeterEvent, MeterEventBatch, subjects } from '@ndxp/contracts';
import type { ReplyMux } from '@ndxp/runtime';

/** Kept of a transaction's budget for the answer's own way back to the consumer. */
export const ANSWER_MARGIN_MS = 20;
/** However little budget is left (a refusal of a tiny budget is metered too), JetStream gets this long. */
export const MIN_METER_WAIT_MS = 250;

interface Waiting {
  event: MeterEvent;
  /** The transaction's deadline (ms, routing's clock): past it, an answer is of no use to anyone. */
  deadline: number;
  resolve(): void;
  reject(err: Error): void;
}

const decoder = new TextDecoder();

/**
 * JetStream error answers worth asking again: the cluster is electing a stream leader
 * (JSClusterNotAvailErr 10008, JSClusterNotLeaderErr 10009). Any other error answer (a store that
 * cannot write, e.g. on a full disk) fails the batch closed at once: waiting would only make the
 * consumer wait too.
 */
const TRANSIENT_JS_ERRORS = new Set([10008, 10009]);

/** A refusal JetStream answered that asking again will not mend. */
class StoreRefused extends Error {}

/** The characters of an instance id that may stand in a subject token (the rest become '_'). */
export function subjectToken(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Collects metering events and publishes them in batches. */
export class MeterBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly subject: string;

  constructor(
    private readonly mux: ReplyMux,
    /** The routing run (subject-safe): batches go to ndxp.meter._batch.<run>. */
    run: string,
    private readonly options: { timeoutMs: number; maxBatch: number },
  ) {
    this.subject = subjects.meterBatch(subjectToken(run));
  }

  /**
   * Resolves once JetStream has stored the batch holding `event`; rejects when it did not, at the
   * latest by the transaction's deadline less ANSWER_MARGIN_MS (so a JetStream that cannot store,
   * e.g. on a full disk, is answered fail-closed within the consumer's budget, not after it), and
   * never before MIN_METER_WAIT_MS.
   */
  meter(event: MeterEvent, deadline = Number.POSITIVE_INFINITY): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, deadline, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Publishes what is waiting now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    void this.publish(batch);
  }

  private async publish(batch: Waiting[]): Promise<void> {
    try {
      const h = newHeaders();
      h.set('Nats-Expected-Stream', METER_STREAM);
      let subject = this.subject;
      let data: Uint8Array;
      const single = this.options.maxBatch === 1 ? batch[0]?.event : undefined;
      if (single) {
        // Keyed by request id and code: JetStream drops a publish repeated inside its duplicate
        // window (the same attempt's event), but not a retry's event with another outcome, which the
        // ledger needs to record the transaction's final outcome.
        h.set('Nats-Msg-Id', `${single.requestId}:${single.code}`);
        subject = subjects.meter(single.consumer || '_', single.provider || '_', single.service || '_');
        data = MeterEvent.encode(single).finish();
      } else {
        data = MeterEventBatch.encode({ events: batch.map((w) => w.event) }).finish();
      }
      // A JetStream that cannot store right now (no responders while a cluster elects a new stream
      // leader, or an error answer) is asked again until the meter timeout runs out; only then does the
      // batch fail closed. A batch stored twice is harmless: the ledger keys on the request id.
      // Asked again until the meter timeout, or until no transaction of the batch could still use its answer.
      const latest = Math.max(Math.max(...batch.map((w) => w.deadline)) - ANSWER_MARGIN_MS, Date.now() + MIN_METER_WAIT_MS);
      const deadline = Math.min(Date.now() + this.options.timeoutMs, latest);
      for (let attempt = 0; ; attempt++) {
        try {
          const ack = await this.mux.request(subject, data, h, Math.max(1, deadline - Date.now()));
          const body = JSON.parse(decoder.decode(ack.data)) as { stream?: string; error?: { description?: string; err_code?: number } };
          if (body.error && !TRANSIENT_JS_ERRORS.has(body.error.err_code ?? 0))
            throw new StoreRefused(`JetStream refused the batch: ${body.error.description ?? 'error'}`);
          if (body.error || body.stream !== METER_STREAM)
            throw new Error(`JetStream refused the batch: ${body.error?.description ?? 'no stream'}`);
          break;
        } catch (err) {
          if (err instanceof StoreRefused) throw err;
          const pause = Math.min(25 * 2 ** attempt, 400);
          if (Date.now() + pause >= deadline) throw err instanceof Error ? err : new Error(String(err));
          await new Promise((r) => setTimeout(r, pause));
        }
      }
      for (const w of batch) w.resolve();
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      for (const w of batch) w.reject(e);
    }
  }
}
