// Public entry of @ndxp/lgsp-client.
export { createClient } from './client';
export type { MeshClient, CallResult } from './client';
export { resolveOptions } from './options';
export type { ClientOptions, CallOptions } from './options';
