// NATS service discovery for routing ($SRV.PING, $SRV.INFO, $SRV.STATS: the micro protocol v1),
// answered by hand so that the data path stays a plain queue subscription. STATS carries the
// router's counters and the event-loop delay measured inside the process.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nuid, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { ROUTING_QUEUE, subjects } from '@ndxp/contracts';
import type { RouterStats } from './router-stats';
import type { QuotaStats } from './quota-leases';
import type { SharedReplayStats } from './shared-replays';

/** Name routing registers under in $SRV discovery. */
export const ROUTING_SERVICE_NAME = 'ndxp-routing';
const VERSION = '0.1.0';

/** Event-loop delay of the routing process since it started serving, ms. */
export interface EventLoopDelay {
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

/** Routing's $SRV.STATS endpoint data. */
export interface RoutingStatsData extends RouterStats, Partial<SharedReplayStats>, Partial<QuotaStats> {
  eventLoopDelay: EventLoopDelay;
  /** Other routing replicas alive (heard from on ndxp.routing.peers), in auto mode of the shared replay memory. */
  peers?: number;
}

/** A running discovery responder. */
export interface Discovery {
  id: string;
  /** The counters and event-loop delay as STATS reports them. */
  data(): RoutingStatsData;
  stop(): void;
}

/** Answers $SRV.PING/INFO/STATS for this routing instance and measures its event-loop delay. */
export function startDiscovery(
  nc: NatsConnection,
  stats: RouterStats,
  instanceId: string,
  /** Counters of the shared stores, read at each STATS. */
  shared?: () => Partial<SharedReplayStats & QuotaStats>,
  peers?: { readonly others: number },
): Discovery {
  const id = nuid.next();
  const started = new Date().toISOString();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const enc = new TextEncoder();
  const metadata = { instance: instanceId };
  const identity = { name: ROUTING_SERVICE_NAME, id, version: VERSION, metadata };
  const endpoint = { name: 'route', subject: subjects.requestAll, queue_group: ROUTING_QUEUE };
  const data = (): RoutingStatsData => ({
    ...stats,
    ...shared?.(),
    ...(peers ? { peers: peers.others } : {}),
    eventLoopDelay: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: Number.isNaN(loop.mean) ? 0 : loop.mean / 1e6 },
  });
  const answers: Record<string, () => unknown> = {
    PING: () => ({ type: 'io.nats.micro.v1.ping_response', ...identity }),
    INFO: () => ({
      type: 'io.nats.micro.v1.info_response',
      ...identity,
      description: 'NDXP routing: authorize, route, meter',
      endpoints: [{ ...endpoint, metadata: null }],
    }),
    STATS: () => ({
      type: 'io.nats.micro.v1.stats_response',
      ...identity,
      started,
      endpoints: [
        {
          ...endpoint,
          num_requests: stats.received,
          num_errors: stats.meteringFailures,
          last_error: '',
          processing_time: 0,
          average_processing_time: 0,
          data: data(),
        },
      ],
    }),
  };
  const subs: Subscription[] = [];
  for (const [verb, answer] of Object.entries(answers)) {
    for (const subject of [`$SRV.${verb}`, `$SRV.${verb}.${ROUTING_SERVICE_NAME}`, `$SRV.${verb}.${ROUTING_SERVICE_NAME}.${id}`]) {
      subs.push(nc.subscribe(subject, { callback: (_err, msg) => void msg.respond(enc.encode(JSON.stringify(answer()))) }));
    }
  }
  return {
    id,
    data,
    stop: () => {
      loop.disable();
      for (const s of subs) s.unsubscribe();
    },
  };
}
