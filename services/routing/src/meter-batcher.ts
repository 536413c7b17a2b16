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

interface Waiting {
  event: MeterEvent;
  resolve(): void;
  reject(err: Error): void;
}

const decoder = new TextDecoder();

/** Collects metering events and publishes them in batches. */
export class MeterBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly subject: string;

  constructor(
    private readonly mux: ReplyMux,
    instanceId: string,
    private readonly options: { timeoutMs: number; maxBatch: number },
  ) {
    this.subject = subjects.meterBatch(instanceId.replace(/[^A-Za-z0-9_-]/g, '_'));
  }

  /** Resolves once JetStream has stored the batch holding `event`; rejects when it did not. */
  meter(event: MeterEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
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
        h.set('Nats-Msg-Id', single.requestId);
        subject = subjects.meter(single.consumer || '_', single.provider || '_', single.service || '_');
        data = MeterEvent.encode(single).finish();
      } else {
        data = MeterEventBatch.encode({ events: batch.map((w) => w.event) }).finish();
      }
      // A JetStream that cannot store right now (no responders while a cluster elects a new stream
      // leader, or an error answer) is asked again until the meter timeout runs out; only then does the
      // batch fail closed. A batch stored twice is harmless: the ledger keys on the request id.
      const deadline = Date.now() + this.options.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          const ack = await this.mux.request(subject, data, h, Math.max(1, deadline - Date.now()));
          const body = JSON.parse(decoder.decode(ack.data)) as { stream?: string; error?: { description?: string } };
          if (body.error || body.stream !== METER_STREAM)
            throw new Error(`JetStream refused the batch: ${body.error?.description ?? 'no stream'}`);
          break;
        } catch (err) {
          const pause = Math.min(25 * 2 ** attempt, 400);
          if (Date.now() + pause >= deadline) throw err;
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
