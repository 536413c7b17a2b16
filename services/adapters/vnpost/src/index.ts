// Public entry of the VNPost adapter: start it in-process (services and event relay), or reuse its pure parts.
import { createUpstream, startAdapter, type StartAdapterOptions } from '@ndxp/adapter-sdk';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '@ndxp/runtime';
import { createVnpostAdapter } from './adapter';
import type { AdapterConfig } from './config';
import { startEventRelay, type EventRelay } from './event-relay';
import { openFeedCursor } from './feed-cursor';
import { postalApi } from './postal-api';

export { createVnpostAdapter, ADAPTER_VERSION } from './adapter';
export { loadConfig, SERVICE_NAME } from './config';
export type { AdapterConfig } from './config';
export { postalApi } from './postal-api';
export type { PostalApi } from './postal-api';
export { startEventRelay } from './event-relay';
export type { EventRelay, EventRelayOptions } from './event-relay';
export { openFeedCursor } from './feed-cursor';
export type { FeedCursor, FeedPosition } from './feed-cursor';
export {
  mapOrder,
  mapTracking,
  mapQuote,
  mapChange,
  mapStatus,
  mapKind,
  mapEvent,
  toOrderBody,
  toQuoteBody,
  toServiceKind,
  creatorOf,
} from './mapper';
export type { Json, MappedChange } from './mapper';
export { validateCreateOrder, validateCancelOrder, validateQuotePostage, validateItem, normalisePhone, MAX_COD_VND } from './validate';

/** The running adapter: its discovery id, its relay, and one stop for both. */
export interface RunningVnpostAdapter {
  id: string;
  relay: EventRelay;
  stop(): Promise<void>;
}

/** Serves the four services on NATS and relays order changes to the events stream. */
export async function startVnpostAdapter(options: {
  config: AdapterConfig;
  nc: NatsConnection;
  logger: Logger;
  tracer?: StartAdapterOptions['tracer'];
}): Promise<RunningVnpostAdapter> {
  const { config, nc, logger } = options;
  const name = 'VNPost bưu chính công ích';
  const api = postalApi(createUpstream({ name, baseUrl: config.upstreamUrl, timeoutMs: config.upstreamTimeoutMs, logger }));
  // The relay has its own upstream: its failures while polling must not open the requests' breaker.
  const feedApi = postalApi(createUpstream({ name, baseUrl: config.upstreamUrl, timeoutMs: config.upstreamTimeoutMs, retries: 0, logger }));
  const cursor = await openFeedCursor(nc, config.cursorBucket);
  const relay = await startEventRelay({
    nc,
    api: feedApi,
    cursor,
    logger,
    pollMs: config.pollMs,
    batch: config.pollBatch,
    timeoutMs: config.upstreamTimeoutMs,
    streamReplicas: config.common.streamReplicas,
  });
  const adapter = await startAdapter(createVnpostAdapter(api), {
    nc,
    logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: config.defaultTimeoutMs,
    healthAddr: config.adapter.healthAddr,
    instanceId: config.common.instanceId,
  }).catch(async (err: unknown) => {
    await relay.stop();
    throw err;
  });
  return {
    id: adapter.id,
    relay,
    async stop() {
      await adapter.stop();
      await relay.stop();
    },
  };
}
