// Public entry of the budget-unit codes adapter: start it in-process, or reuse its pure parts.
import { createUpstream, startAdapter, type RunningAdapter, type StartAdapterOptions, type Upstream } from '@ndxp/adapter-sdk';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '@ndxp/runtime';
import { createBudgetUnitsAdapter } from './adapter';
import type { AdapterConfig } from './config';

export { createBudgetUnitsAdapter, ADAPTER_VERSION } from './adapter';
export { loadConfig, SERVICE_NAME } from './config';
export type { AdapterConfig } from './config';
export { mapBudgetUnit, mapSearchPage, mapKind, mapLevel, mapStatus, mapDate } from './mapper';
export type { MappedPage } from './mapper';
export { encodePageToken, decodePageToken } from './page-token';
export type { SearchKey } from './page-token';
export { resolveSearch, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './search-request';
export type { ResolvedSearch } from './search-request';

/** The national system's client as the config describes it; `logger` receives the circuit breaker's changes. */
export function createBudgetUnitsUpstream(
  config: Pick<AdapterConfig, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamRetries' | 'breakerFailures' | 'breakerResetMs'>,
  logger?: Logger,
): Upstream {
  return createUpstream({
    name: 'mã số ĐVQHNS',
    baseUrl: config.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    breaker: { failureThreshold: config.breakerFailures, resetMs: config.breakerResetMs },
    ...(logger ? { logger } : {}),
  });
}

/** Starts serving GetBudgetUnit and SearchBudgetUnits on NATS; `stop()` drains in-flight requests. */
export async function startBudgetUnitsAdapter(options: {
  config: AdapterConfig;
  nc: NatsConnection;
  logger: Logger;
  tracer?: StartAdapterOptions['tracer'];
  /** Overrides the upstream built from config. */
  upstream?: Upstream;
}): Promise<RunningAdapter> {
  const upstream = options.upstream ?? createBudgetUnitsUpstream(options.config, options.logger);
  return startAdapter(createBudgetUnitsAdapter(upstream), {
    nc: options.nc,
    logger: options.logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: options.config.defaultTimeoutMs,
    healthAddr: options.config.adapter.healthAddr,
    instanceId: options.config.common.instanceId,
  });
}
