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
export type { EnterpriseSource } from './enterprise-source';
export { mapEnterprise, mapStatus, mapDate } from './mapper';
export { validateTaxCode } from './tax-code';
export type { TaxCodeResult, ValidTaxCode, InvalidTaxCode, TaxCodeProblem } from './tax-code';

/** Builds the record source the config asks for. */
export function createSource(
  config: Pick<AdapterConfig, 'upstream' | 'upstreamUrl' | 'upstreamTimeoutMs' | 'memorySeed' | 'memorySize'>,
): EnterpriseSource {
  return config.upstream === 'memory'
    ? memorySource(createDataset({ seed: config.memorySeed, size: config.memorySize }))
    : httpSource(config.upstreamUrl, config.upstreamTimeoutMs);
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
  const source = options.source ?? createSource(options.config);
  return startAdapter(createBusinessRegistrationAdapter(source), {
    nc: options.nc,
    logger: options.logger,
    ...(options.tracer ? { tracer: options.tracer } : {}),
    defaultTimeoutMs: options.config.defaultTimeoutMs,
  });
}
