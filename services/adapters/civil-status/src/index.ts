// Public entry of the civil-status adapter: start it in-process, or reuse its pure parts.
import { createUpstream, startAdapter, type RunningAdapter, type StartAdapterOptions, type Upstream } from '@ndxp/adapter-sdk';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '@ndxp/runtime';
import { createCivilStatusAdapter } from './adapter';
import type { AdapterConfig } from './config';

export { createCivilStatusAdapter, ADAPTER_VERSION } from './adapter';
export { loadConfig, SERVICE_NAME } from './config';
export type { AdapterConfig } from './config';
export { resolveLookup, EVENT_CODE_BY_TYPE, MAX_REGISTER_FIELD_LENGTH } from './lookup-request';
export type { Lookup } from './lookup-request';
export { mapRecord, mapPerson, mapDate, mapSex, mapEventType, mapRegistrationKind, EVENT_TYPE_BY_CODE } from './mapper';
export { buildLookupEnvelope, parseLookupAnswer, faultToError, SERVICE_PATH, LOOKUP_OPERATION } from './soap-client';
export type { NationalFields, NationalFault } from './soap-client';

/** The national system's client as the config describes it. */
export function createCivilStatusUpstream(
  config: Pick<AdapterConfig, 'upstreamUrl' | 'upstreamTimeoutMs' | 'upstreamRetries'>,
  logger?: Logger,
): Upstream {
  return createUpstream({
    name: 'hộ tịch',
    baseUrl: config.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    ...(logger ? { logger } : {}),
  });
}

/** Starts serving GetCivilStatusRecord on NATS; `stop()` drains in-flight requests. */
export async function startCivilStatusAdapter(options: {
  config: AdapterConfig;
  nc: NatsConnection;
  logger: Logger;
  tracer?: StartAdapterOptions['tracer'];
  /** Overrides the upstream built from config. */
  upstream?: Upstream;
}): Promise<RunningAdapter> {
  const upstream = options.upstream ?? createCivilStatusUpstream(options.config, options.logger);
  return startAdapter(createCivilStatusAdapter(upstream), {
    nc: options.nc,
    logger: options.logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: options.config.defaultTimeoutMs,
    healthAddr: options.config.adapter.healthAddr,
    instanceId: options.config.common.instanceId,
  });
}
