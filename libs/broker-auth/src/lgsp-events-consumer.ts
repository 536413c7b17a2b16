// An LGSP's durable consumer of its order events, created by the mesh (ops), never by the LGSP:
// a user allowed to create consumers could point one's deliveries at any subject (a push consumer's
// deliver subject), which nats-server 2.9 cannot restrict. The LGSP only binds to it and pulls.
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { EVENTS_STREAM, ORDER_STATUS_CHANGED, subjects, VNPOST_PROVIDER } from '@ndxp/contracts';
import { lgspEventsDurable } from './permissions';

/**
 * Creates the durable pull consumer `lgsp-<consumer>-orders` on the events stream with the
 * configuration @ndxp/lgsp-client binds to (its order events only, explicit ack, one in flight).
 * Returns false when the events stream does not exist (no Vietnam Post adapter has run yet).
 */
export async function ensureLgspEventsConsumer(nc: NatsConnection, consumer: string): Promise<boolean> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
  } catch {
    return false;
  }
  const name = lgspEventsDurable(consumer);
  const existing = await jsm.consumers.info(EVENTS_STREAM, name).catch(() => undefined);
  if (existing) return true;
  await jsm.consumers.add(EVENTS_STREAM, {
    durable_name: name,
    filter_subject: subjects.event(consumer, VNPOST_PROVIDER, ORDER_STATUS_CHANGED),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 1,
    ack_wait: nanos(30_000),
  });
  return true;
}
