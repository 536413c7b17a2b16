// Public entry of @ndxp/adapter-sdk: declare an adapter, run it on NATS, call the national system.
export { defineAdapter, bindService } from './define-adapter';
export type { Adapter, ServiceBinding } from './define-adapter';
export { startAdapter } from './start-adapter';
export type { StartAdapterOptions, RunningAdapter } from './start-adapter';
export type { RequestContext } from './request-context';
export type { EndpointCounters } from './endpoint-stats';
export { loadAdapterCommonConfig, parseHealthAddr } from './adapter-config';
export type { AdapterCommonConfig } from './adapter-config';
export { loadUpstreamConfig } from './upstream-config';
export { mapNationalDate, normalizeStatusText } from './national-text';
export type { UpstreamDefaults, UpstreamSettings, UpstreamSettingsFor } from './upstream-config';
export type { HealthAddr, Readiness } from './health-server';
export { createUpstream } from './upstream';
export type { Upstream, UpstreamConfig, UpstreamRequest, UpstreamResponse } from './upstream';
export { CircuitBreaker } from './circuit-breaker';
export type { BreakerState, BreakerOptions } from './circuit-breaker';
