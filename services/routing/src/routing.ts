// Starts the routing service on a connection: registry sync, the request subscription, the stream.
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Tracer } from '@opentelemetry/api';
import { Counter } from 'prom-client';
import { ROUTING_QUEUE, subjects } from '@ndxp/contracts';
import { ensureMeterStream, LoopStall, ReplyMux, syncRegistry, type Logger, type ServiceMetrics } from '@ndxp/runtime';
import { checkMaxRequestBytes, type RoutingConfig } from './config';
import { ConsumerLimiter } from './consumer-limiter';
import { MeterBatcher, subjectToken } from './meter-batcher';
import { RegistryView } from './registry-view';
import { ReplayCache } from './replay-cache';
import { QuotaLeases } from './quota-leases';
import { RoutingPeers } from './routing-peers';
import { SharedReplays } from './shared-replays';
import { createRouter } from './router';
import type { RouterStats } from './router-stats';
import { startDiscovery, type RoutingStatsData } from './service-discovery';

/** A running routing service. */
export interface Routing {
  view: RegistryView;
  stats: RouterStats;
  /** Instance id in $SRV discovery. */
  id: string;
  /** Counters and event-loop delay, as $SRV.STATS reports them. */
  statsData(): RoutingStatsData;
  /** Stops taking requests and waits for those in flight. */
  stop(): Promise<void>;
}

/** Starts routing: waits for the registry snapshot, then serves ndxp.req.> in the queue group. */
export async function startRouting(options: {
  nc: NatsConnection;
  logger: Logger;
  tracer: Tracer;
  config: Pick<
    RoutingConfig,
    | 'defaultTimeoutMs'
    | 'maxTimeoutMs'
    | 'meterTimeoutMs'
    | 'registryResyncMs'
    | 'maxRequestBytes'
    | 'instanceId'
    | 'meterMaxBatch'
    | 'sharedLimits'
    | 'quotaUnreachable'
    | 'limitsTimeoutMs'
    | 'replayWindowMs'
    | 'replayCacheEntries'
    | 'replayCacheBytes'
    | 'replayShared'
    | 'replaySharedTimeoutMs'
    | 'strictReply'
    | 'trustedReplyPrefixes'
    | 'streamReplicas'
  >;
  /** Prometheus instruments of this process (optional: tests may leave them out). */
  metrics?: ServiceMetrics;
}): Promise<Routing> {
  const { nc, logger, tracer, config } = options;
  checkMaxRequestBytes(config.maxRequestBytes, nc.info?.max_payload);
  await ensureMeterStream(nc, { replicas: config.streamReplicas });
  const mux = new ReplyMux(nc);
  const view = new RegistryView();
  const sync = syncRegistry(nc, view, logger, { resyncMs: config.registryResyncMs });
  await sync.loaded;
  // This process's run: its meter batches' subject token, its name to the other replicas and in its
  // held quota records. A container restarted under the same instance id is a new run.
  const run = `${subjectToken(config.instanceId)}-${randomBytes(4).toString('hex')}`;
  const meters = new MeterBatcher(mux, run, { timeoutMs: config.meterTimeoutMs, maxBatch: config.meterMaxBatch });
  const replays = new ReplayCache({
    windowMs: config.replayWindowMs,
    maxEntries: config.replayCacheEntries,
    maxBytes: config.replayCacheBytes,
  });
  const sharing = config.replayShared !== 'off' && config.replayWindowMs > 0 && config.replayCacheEntries > 0;
  // The other replicas alive: the rate limits' share, and (auto) whether the replay memory is shared.
  const peers = sharing || config.sharedLimits ? new RoutingPeers(nc, run, logger) : undefined;
  const liveReplicas = (): number => (peers?.others ?? 0) + 1;
  const quotaFailures = options.metrics
    ? new Counter({
        name: 'ndxp_routing_quota_store_failures_total',
        help: 'Leases of daily quota blocks that failed: the shared limits bucket ndxp_limits unreachable or slow',
        registers: [options.metrics.registry],
      })
    : undefined;
  const quotas = config.sharedLimits
    ? await QuotaLeases.open(
        nc,
        { timeoutMs: config.limitsTimeoutMs, replicas: config.streamReplicas, liveReplicas, run, logger, ...(peers ? { peers } : {}) },
        rateLimitedLog(logger, 'shared limits store failed; quota checks follow ROUTING_QUOTA_UNREACHABLE', () => quotaFailures?.inc()),
      )
    : undefined;
  const limiter = new ConsumerLimiter(view, {
    ...(config.sharedLimits ? { replicas: liveReplicas } : {}),
    ...(quotas ? { quotas } : {}),
    quotaUnreachable: config.quotaUnreachable,
  });
  const shared = sharing
    ? await SharedReplays.open(
        nc,
        mux,
        {
          windowMs: config.replayWindowMs,
          timeoutMs: config.replaySharedTimeoutMs,
          replicas: config.streamReplicas,
          instanceId: config.instanceId,
          ...(peers && config.replayShared === 'auto' ? { active: () => peers.others > 0 } : {}),
        },
        rateLimitedLog(logger, 'shared replay memory failed; requests are served as new meanwhile'),
      )
    : undefined;
  const stall = new LoopStall().start();
  const router = createRouter({
    stall,
    mux,
    meters,
    view,
    limiter,
    replays,
    ...(shared ? { shared } : {}),
    logger,
    tracer,
    config,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const inflight = new Set<Promise<void>>();
  const sub = nc.subscribe(subjects.requestAll, {
    queue: ROUTING_QUEUE,
    callback: (err, msg) => {
      if (err) {
        logger.error({ err }, 'request subscription error');
        return;
      }
      const p = router.handle(msg).catch((e: unknown) => logger.error({ err: e }, 'unhandled routing error'));
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    },
  });
  const discovery = await startDiscovery(nc, router.stats, config.instanceId, () => ({ ...shared?.stats, ...quotas?.stats }), peers);
  // Started means subscribed: the broker has the subscription before anyone is told routing is up
  // (a request sent at once otherwise found no responders, in the clean-clone run of shared-limits).
  await nc.flush();
  return {
    view,
    stats: router.stats,
    id: discovery.id,
    statsData: () => discovery.data(),
    stop: async () => {
      discovery.stop();
      await sub.drain();
      await Promise.allSettled([...inflight]);
      await quotas?.stop();
      peers?.stop();
      stall.stop();
      mux.close();
      sync.stop();
    },
  };
}

/** Logs failures of a shared store at most once a second (each is counted in the stats). */
function rateLimitedLog(logger: Logger, msg: string, count?: () => void): (op: string, err: Error) => void {
  let last = 0;
  let skipped = 0;
  return (op, err) => {
    count?.();
    const now = Date.now();
    if (now - last < 1000) {
      skipped++;
      return;
    }
    last = now;
    logger.warn({ op, err: err.message, skipped }, msg);
    skipped = 0;
  };
}
