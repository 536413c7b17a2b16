// Public entry of the Business Registration adapter: start it in-process, or reuse its pure parts.
import { startAdapter, type RunningAdapter, type StartAdapterOptions } from '@ndxp/adapter-sdk';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from '@ndxp/runtime';
import { createDataset } from '@ndxp/simulator-business-registration';
import { createBusinessRegistrationAdapter } from './adapter';
import type { AdapterConfig } from './config';
import { httpSource, memorySource, type EnterpriseSource } from './enterprise-source';

export { createBusinessRegistrationAdapter, ADAPTER_VERSION } from './adapter';
export { loadConfig, SERVICE_NAME } from './config';
export type { AdapterConfig } from './config';
export { httpSource, memorySource } from './enterprise-source';
export type { EnterpriseSource, HttpSourceOptions } from './enterprise-source';
export { mapEnterprise, mapStatus, mapDate } from './mapper';
export { validateTaxCode } from './tax-code';
export type { TaxCodeResult, ValidTaxCode, InvalidTaxCode, TaxCodeProblem } from './tax-code';

/** Builds the record source the config asks for; `logger` receives the circuit breaker's changes. */
export function createSource(
  config: Pick<
    AdapterConfig,
    | 'upstream'
    | 'upstreamUrl'
    | 'upstreamTimeoutMs'
    | 'upstreamRetries'
    | 'breakerFailures'
    | 'breakerResetMs'
    | 'memorySeed'
    | 'memorySize'
  >,
  logger?: Logger,
): EnterpriseSource {
  if (config.upstream === 'memory') {
    return memorySource(createDataset({ seed: config.memorySeed, size: config.memorySize }));
  }
  return httpSource({
    baseUrl: config.upstreamUrl,
    timeoutMs: config.upstreamTimeoutMs,
    retries: config.upstreamRetries,
    breaker: { failureThreshold: config.breakerFailures, resetMs: config.breakerResetMs },
    ...(logger ? { logger } : {}),
  });
}

/** Starts serving GetEnterprise on NATS; `stop()` drains in-flight requests. */
export async function startBusinessRegistrationAdapter(options: {
  config: AdapterConfig;
  nc: NatsConnection;
  logger: Logger;
  tracer?: StartAdapterOptions['tracer'];
  /** Overrides the source built from config (tests pass a dataset-backed one). */
  source?: EnterpriseSource;
}): Promise<RunningAdapter> {
  const source = options.source ?? createSource(options.config, options.logger);
  return startAdapter(createBusinessRegistrationAdapter(source), {
    nc: options.nc,
    logger: options.logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: options.config.defaultTimeoutMs,
    healthAddr: options.config.adapter.healthAddr,
    instanceId: options.config.common.instanceId,
  });
}
