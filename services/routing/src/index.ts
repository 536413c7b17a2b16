// Public entry of the routing service.
export { checkMaxRequestBytes, FORWARD_HEADROOM_BYTES, loadConfig } from './config';
export type { RoutingConfig } from './config';
export { startRouting } from './routing';
export type { Routing } from './routing';
export { RegistryView, syncRegistry } from './registry-view';
export type { ConsumerLimits, RegistrySync } from './registry-view';
export { ConsumerLimiter, QUOTA_TAKEN, vietnamDay, vietnamDayStartMs } from './consumer-limiter';
export type { Admission, LimitsSource } from './consumer-limiter';
export { TokenBucket } from './token-bucket';
export { ENTRY_OVERHEAD_BYTES, ReplayCache } from './replay-cache';
export type { ReplayCacheOptions, ReplayEntry, ReplayLookup, StoredAnswer } from './replay-cache';
export type { RouterStats } from './router-stats';
export { outcomeOf } from './outcome';
export { MAX_DEADLINE_AHEAD_MS, routeOf } from './request-checks';
export type { RequestRoute } from './request-checks';
export { ROUTING_SERVICE_NAME } from './service-discovery';
export type { EventLoopDelay, RoutingStatsData } from './service-discovery';
