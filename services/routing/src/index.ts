// Public entry of the routing service.
export { loadConfig } from './config';
export type { RoutingConfig } from './config';
export { startRouting } from './routing';
export type { Routing } from './routing';
export { RegistryView, syncRegistry } from './registry-view';
export type { RegistrySync } from './registry-view';
export { outcomeOf } from './outcome';
