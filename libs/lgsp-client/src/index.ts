// Public entry of @ndxp/lgsp-client.
export { createClient } from './client';
export type { MeshClient, CallResult } from './client';
export { resolveOptions } from './options';
export type { ClientOptions, CallOptions, ResolvedClientOptions } from './options';
export { subscribeOrderEvents, orderEventsDurable } from './order-events';
export type { OrderEventHandler, OrderEventOptions, OrderEventSubscription, OrderEventDelivery } from './order-events';
/** The broker link as nats.js's status events tell it (also used by the gRPC gateway). */
export { Link as BrokerLink } from './link';
export type { DropWatch } from './link';
