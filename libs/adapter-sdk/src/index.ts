// Public entry of @ndxp/adapter-sdk: declare an adapter, run it on NATS, call the national system.
export { defineAdapter, bindService } from './define-adapter';
export type { Adapter, ServiceBinding } from './define-adapter';
export { startAdapter } from './start-adapter';
export type { StartAdapterOptions, RunningAdapter } from './start-adapter';
export type { RequestContext } from './request-context';
export { callUpstream } from './call-upstream';
export type { UpstreamOptions } from './call-upstream';
export type { EndpointCounters } from './dispatch';
