// Public entry of @ndxp/registry.
/** Starts the registry API in-process (NATS subscriptions and the gRPC admin API). */
export { startRegistry, REGISTRY_QUEUE, REGISTRY_SERVICE_NAME } from './registry';
export type { RegistryOptions, RunningRegistry } from './registry';
/** The registry's configuration and its defaults. */
export { loadConfig, DEFAULT_REGISTRY_DB, DEFAULT_SEED_DIR, DEFAULT_GRPC_ADDR } from './config';
export type { RegistryConfig } from './config';
/** Seeding an empty store from the seed folder, and reading seed files on their own. */
export { seedRegistry } from './seeder';
export type { SeedResult } from './seeder';
export { loadSeed } from './seed-files';
export type { SeedData, SeedMember, GrantKey } from './seed-files';
/** The handler table both transports share, and the NATS queue group and gRPC metadata keys. */
export { createHandlers } from './handlers';
export type { RegistryHandlers, HandlerDeps, RegistryMethod, RegistryMethods, RequestOf, ResponseOf } from './handlers';
export type { TokenLifetimes } from './token-handlers';
export type { BrokerAuthority } from './broker-authority';
export { TokenSigner } from './token-signer';
export type { TokenClaims } from './token-signer';
