// Every NATS subject of the mesh, defined once (design section 3).

/** Prefix of data requests: ndxp.req.<consumer>.<provider>.<service>. */
export const REQUEST_PREFIX = 'ndxp.req';
/** Routing subscribes to all requests in this queue group. */
export const ROUTING_QUEUE = 'ndxp-routing';
/** The JetStream stream holding metering events. */
export const METER_STREAM = 'NDXP_METER';
/** Subjects of the metering stream. */
export const METER_SUBJECTS = 'ndxp.meter.>';
/** The JetStream stream of events national systems send to consumers (e.g. order state changes). */
export const EVENTS_STREAM = 'NDXP_EVENTS';
/** Subjects of the events stream. */
export const EVENTS_SUBJECTS = 'ndxp.evt.>';
/** Subject prefix of metering event batches: ndxp.meter._batch.<routing instance>. */
export const METER_BATCH_PREFIX = 'ndxp.meter._batch.';
/**
 * Subject prefix of synthetic history batches (MeterEventBatch) from `ndxp seed-history`:
 * ndxp.meter._seed.<run>. Apart from _batch so that the ops tool may publish them without being
 * able to pose as a routing instance.
 */
export const METER_SEED_PREFIX = 'ndxp.meter._seed.';
/**
 * The JetStream key-value bucket the routing replicas share as replay memory (claims and answers by
 * consumer and request id; max age = the replay window).
 */
export const REPLAY_BUCKET = 'ndxp_replay';
/**
 * The JetStream key-value bucket of the daily quota counts every routing replica shares (key
 * <consumer>.<Vietnam day number>: requests granted so far).
 */
export const LIMITS_BUCKET = 'ndxp_limits';
/** The metering service's durable consumer. */
export const METER_DURABLE = 'metering';

export const subjects = {
  /** Where an LGSP publishes a request. */
  request: (consumer: string, provider: string, service: string): string => `${REQUEST_PREFIX}.${consumer}.${provider}.${service}`,
  /** Wildcard routing subscribes to. */
  requestAll: `${REQUEST_PREFIX}.>`,
  /** Where routing hands a request to the adapter of a national system. */
  service: (provider: string, service: string): string => `ndxp.svc.${provider}.${service}`,
  /** Queue group of one adapter's service. */
  serviceQueue: (provider: string): string => `ndxp-adapter-${provider}`,
  /** Metering event of one transaction. */
  meter: (consumer: string, provider: string, service: string): string => `ndxp.meter.${consumer}.${provider}.${service}`,
  /** A batch of metering events (MeterEventBatch) published by one routing instance. */
  meterBatch: (instance: string): string => `${METER_BATCH_PREFIX}${instance}`,
  /** A batch of synthetic history events (MeterEventBatch) of one seed-history run. */
  meterSeed: (id: string): string => `${METER_SEED_PREFIX}${id}`,
  /** Registry request-reply API: ndxp.registry.api.<Method>. */
  registry: (method: string): string => `ndxp.registry.api.${method}`,
  /** Registry change events. */
  registryEvents: 'ndxp.registry.events',
  /** Where routing replicas announce themselves every second (the shared replay memory runs while there are others). */
  routingPeers: 'ndxp.routing.peers',
  /** Metering request-reply API: ndxp.metering.api.<Method>. */
  metering: (method: string): string => `ndxp.metering.api.${method}`,
  /** An event for one consumer from one provider: ndxp.evt.<consumer>.<provider>.<event>. */
  event: (consumer: string, provider: string, event: string): string => `ndxp.evt.${consumer}.${provider}.${event}`,
  /** Every event for one consumer (the filter of its durable consumer). */
  eventsFor: (consumer: string): string => `ndxp.evt.${consumer}.>`,
  /** Reply inbox prefix of one consumer (LGSP clients use it; broker permissions pin it). */
  inboxPrefix: (consumer: string): string => `_INBOX.${consumer}`,
} as const;

/** Splits a request subject into its tokens, or undefined when it has the wrong shape. */
export function parseRequestSubject(subject: string): { consumer: string; provider: string; service: string } | undefined {
  const parts = subject.split('.');
  if (parts.length !== 5 || parts[0] !== 'ndxp' || parts[1] !== 'req') return undefined;
  return { consumer: parts[2]!, provider: parts[3]!, service: parts[4]! };
}
