// How far the metering service's durable consumer trails the meter stream: after a mesh round
// the benchmark waits until it has caught up, so the next round does not pay for this one.
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { METER_DURABLE, METER_STREAM } from '@ndxp/contracts';

/** Metering's progress once the load stopped. */
export interface MeteringSettle {
  /** Events not yet delivered or not yet acknowledged when the load stopped. */
  backlogAtStop: number | null;
  /** Time from the load stopping until the ledger had every event, ms; null if it did not catch up. */
  catchUpMs: number | null;
  /** Events in the meter stream afterwards (all mesh rounds so far). */
  streamMessages: number | null;
}

/** Polls the durable consumer until nothing is pending, for at most timeoutMs. */
export async function waitForMetering(natsUrl: string, timeoutMs = 60_000): Promise<MeteringSettle> {
  const nc: NatsConnection = await connect({
    servers: natsUrl,
    name: 'bench-metering-probe',
  });
  try {
    const jsm = await jetstreamManager(nc);
    const started = Date.now();
    let backlogAtStop: number | null = null;
    for (;;) {
      let backlog: number | null = null;
      try {
        const info = await jsm.consumers.info(METER_STREAM, METER_DURABLE);
        backlog = info.num_pending + info.num_ack_pending;
      } catch {
        // consumer not created (yet): report unknown
      }
      if (backlogAtStop === null) backlogAtStop = backlog;
      if (backlog === 0 || backlog === null || Date.now() - started > timeoutMs) {
        const stream = await jsm.streams.info(METER_STREAM).catch(() => undefined);
        return {
          backlogAtStop,
          catchUpMs: backlog === 0 ? Date.now() - started : null,
          streamMessages: stream ? stream.state.messages : null,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await nc.close();
  }
}
