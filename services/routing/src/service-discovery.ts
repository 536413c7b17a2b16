// NATS service discovery for routing ($SRV.PING, $SRV.INFO, $SRV.STATS: the micro protocol v1),
// answered by the runtime's startServiceDiscovery so that the data path stays a plain queue
// subscription. STATS carries the router's counters and the event-loop delay measured in the process.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { NatsConnection } from '@nats-io/nats-core';
import { ROUTING_QUEUE, subjects } from '@ndxp/contracts';
import { readPackageVersion, startServiceDiscovery } from '@ndxp/runtime';
import type { RouterStats } from './router-stats';
import type { QuotaStats } from './quota-leases';
import type { SharedReplayStats } from './shared-replays';

/** Name routing registers under in $SRV discovery. */
export const ROUTING_SERVICE_NAME = 'ndxp-routing';

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

/** Answers $SRV.PING/INFO/STATS for this routing instance and measures its event-loop delay; resolves once subscribed. */
export async function startDiscovery(
  nc: NatsConnection,
  stats: RouterStats,
  instanceId: string,
  /** Counters of the shared stores, read at each STATS. */
  shared?: () => Partial<SharedReplayStats & QuotaStats>,
  peers?: { readonly others: number },
): Promise<Discovery> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const data = (): RoutingStatsData => ({
    ...stats,
    ...shared?.(),
    ...(peers ? { peers: peers.others } : {}),
    eventLoopDelay: { maxMs: loop.max / 1e6, p99Ms: loop.percentile(99) / 1e6, meanMs: Number.isNaN(loop.mean) ? 0 : loop.mean / 1e6 },
  });
  const discovery = await startServiceDiscovery(nc, {
    name: ROUTING_SERVICE_NAME,
    version: readPackageVersion(__dirname),
    description: 'NDXP routing: authorize, route, meter',
    metadata: { instance: instanceId },
    endpoints: [
      {
        name: 'route',
        subject: subjects.requestAll,
        queueGroup: ROUTING_QUEUE,
        // Routing does not time requests here; its errors are the metering failures (answers withheld).
        counts: () => ({
          num_requests: stats.received,
          num_errors: stats.meteringFailures,
          last_error: '',
          processing_time: 0,
          average_processing_time: 0,
        }),
        data,
      },
    ],
  }).catch((err: unknown) => {
    loop.disable();
    throw err;
  });
  return {
    id: discovery.id,
    data,
    stop: () => {
      loop.disable();
      discovery.stop();
    },
  };
}
