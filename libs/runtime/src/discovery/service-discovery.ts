// NATS service discovery (the micro protocol v1: $SRV.PING, $SRV.INFO, $SRV.STATS) answered by hand,
// so that a service's data path stays its own plain subscriptions. Every answer follows the NATS
// micro JSON schemas: names and versions are checked at start, STATS always carries last_error.
import { nuid, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { ConfigError } from '../config-error';
import type { EndpointCounts } from './endpoint-tally';
import { SEMVER } from './package-version';

/** Service and endpoint names the micro protocol allows. */
const NAME = /^[a-zA-Z0-9_-]+$/;
const VERBS = ['PING', 'INFO', 'STATS'] as const;

/** One endpoint as $SRV.INFO and $SRV.STATS describe it. */
export interface DiscoveryEndpoint {
  /** Letters, digits, - and _. */
  name: string;
  subject: string;
  queueGroup?: string;
  metadata?: Record<string, string>;
  /** The standard counters at this moment; zeros (and last_error '') when absent. */
  counts?: () => EndpointCounts;
  /** Extra statistics, reported as the endpoint's `data`. */
  data?: () => unknown;
}

/** What a service registers under. */
export interface ServiceDiscoveryOptions {
  /** Letters, digits, - and _ (e.g. ndxp-registry). */
  name: string;
  /** Semantic version (readPackageVersion reads the package's own). */
  version: string;
  description: string;
  metadata?: Record<string, string>;
  /** None for a service with no NATS endpoints of its own: it still answers PING, INFO and STATS. */
  endpoints?: DiscoveryEndpoint[];
  /** Logs an answer that cannot be sent; default: none. */
  logger?: Logger;
}

/** A running discovery responder. */
export interface ServiceDiscovery {
  /** Instance id in $SRV answers (a nuid, new at each start). */
  readonly id: string;
  stop(): void;
}

const ZERO: EndpointCounts = { num_requests: 0, num_errors: 0, last_error: '', processing_time: 0, average_processing_time: 0 };

/**
 * Answers $SRV.PING/INFO/STATS (all services, this name, this instance) on `nc`; resolves once the
 * server has the subscriptions. Throws ConfigError on a name or version the schemas refuse.
 */
export async function startServiceDiscovery(nc: NatsConnection, options: ServiceDiscoveryOptions): Promise<ServiceDiscovery> {
  const endpoints = options.endpoints ?? [];
  for (const name of [options.name, ...endpoints.map((e) => e.name)]) {
    if (!NAME.test(name)) throw new ConfigError(`NATS service name "${name}": use letters, digits, - and _ only`);
  }
  if (!SEMVER.test(options.version)) throw new ConfigError(`NATS service ${options.name}: version "${options.version}" is not semantic`);
  const id = nuid.next();
  const started = new Date().toISOString();
  const identity = { name: options.name, id, version: options.version, metadata: options.metadata ?? {} };
  const described = (e: DiscoveryEndpoint) => ({
    name: e.name,
    subject: e.subject,
    ...(e.queueGroup === undefined ? {} : { queue_group: e.queueGroup }),
  });
  const ping = JSON.stringify({ type: 'io.nats.micro.v1.ping_response', ...identity });
  const info = JSON.stringify({
    type: 'io.nats.micro.v1.info_response',
    ...identity,
    description: options.description,
    endpoints: endpoints.map((e) => ({ ...described(e), metadata: e.metadata ?? null })),
  });
  const stats = () =>
    JSON.stringify({
      type: 'io.nats.micro.v1.stats_response',
      ...identity,
      started,
      endpoints: endpoints.map((e) => ({ ...described(e), ...(e.counts?.() ?? ZERO), ...(e.data ? { data: e.data() } : {}) })),
    });
  const answers: Record<(typeof VERBS)[number], () => string> = { PING: () => ping, INFO: () => info, STATS: stats };
  const subs: Subscription[] = [];
  for (const verb of VERBS) {
    for (const subject of [`$SRV.${verb}`, `$SRV.${verb}.${options.name}`, `$SRV.${verb}.${options.name}.${id}`]) {
      subs.push(
        nc.subscribe(subject, {
          callback: (err, msg) => {
            if (err) {
              options.logger?.warn({ err, subject }, '$SRV subscription failed');
              return;
            }
            try {
              msg.respond(answers[verb]());
            } catch (cause) {
              options.logger?.warn({ err: cause, subject }, 'cannot answer a $SRV request');
            }
          },
        }),
      );
    }
  }
  await nc.flush();
  return {
    id,
    stop: () => {
      for (const s of subs) if (!s.isClosed()) s.unsubscribe();
    },
  };
}
