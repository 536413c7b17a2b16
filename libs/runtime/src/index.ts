// Public entry of @ndxp/runtime.
export { envString, envRequired, envInt, envBool, envEnum, loadCommonConfig } from './config';
export { ConfigError } from './config-error';
export type { ConfigErrorCode } from './config-error';
export { parseListenAddress, formatListenAddress } from './listen-address';
export type { ListenAddress, ListenAddressOptions } from './listen-address';
export type { Env, CommonConfig } from './config';
export { commonSettingRows, COMMON_DEFAULTS, LOG_LEVELS } from './common-settings';
export type { SettingDoc } from './common-settings';
export { createLogger, censorPersonal, PERSONAL_FIELDS, LOG_TRACE_KEYS } from './logger';
export { checkListeners, warnInsecureListeners, isLoopbackHost, hostOfAddr } from './listener-policy';
export type { ListenerSetting, InsecureListener } from './listener-policy';
export type { Logger } from './logger';
export { startTelemetry, exportsTraces, injectTrace, extractTrace } from './telemetry';
export type { Telemetry, TelemetryOptions, TraceCarrier } from './telemetry';
export { connectNats, NATS_CONNECTION_TIMING } from './nats';
export { startLinkHealth, LINK_HEALTH_DEFAULTS } from './link-health';
export type { LinkHealth, LinkHealthOptions } from './link-health';
export { LoopStall, STALL_TICK_MS, STALL_FLOOR_MS } from './loop-stall';
export type { NatsConnection } from './nats';
export { runService, handleHelp } from './lifecycle';
export type { Stopper } from './lifecycle';
export {
  ensureMeterStream,
  ensureEventsStream,
  METER_DUPLICATE_WINDOW_MS,
  EVENTS_MAX_AGE_MS,
  whilePlacing,
  PLACEMENT_WAIT_MS,
} from './meter-stream';
export type { StreamOptions } from './meter-stream';
export { ReplyMux, ReplyError } from './reply-mux';
export type { ReplyFailure } from './reply-mux';
export { methodTable } from './proto-api/method-table';
export type { MethodEntry, GenericDefinition, Handlers, CallContext } from './proto-api/method-table';
export { serveNatsApi } from './proto-api/nats-api';
export type { NatsApi } from './proto-api/nats-api';
/** NATS service discovery ($SRV.PING/INFO/STATS) by the micro protocol v1, for services not built on @nats-io/services. */
export { startServiceDiscovery } from './discovery/service-discovery';
export type { ServiceDiscovery, ServiceDiscoveryOptions, DiscoveryEndpoint } from './discovery/service-discovery';
export { EndpointTally } from './discovery/endpoint-tally';
export type { EndpointCounts } from './discovery/endpoint-tally';
export { readPackageVersion, SEMVER } from './discovery/package-version';
export { serveGrpcApi } from './proto-api/grpc-api';
export type { GrpcApi } from './proto-api/grpc-api';
export { createGrpcServer } from './grpc/grpc-server';
export type { StandardGrpcServer } from './grpc/grpc-server';
export { GrpcHealth } from './grpc/grpc-health';
export { HEALTH_SERVICE } from './grpc/grpc-reflection';
export { loadGrpcServerSettings, grpcServerOptions, grpcSettingRows, GRPC_SERVER_DEFAULTS } from './grpc/grpc-server-settings';
export type { GrpcServerSettings } from './grpc/grpc-server-settings';
export { checkAccess } from './access/check-access';
export type { ApiAccess, Refusal } from './access/check-access';
/** Who may call the APIs off NATS: roles, rules, the registry's access tokens, TLS files. */
export { isAccessRole, parseRoles, scopesOf, IDENTITY_NAME } from './access/roles';
export type { AccessRole, Caller } from './access/roles';
export { authorize, missingRules } from './access/access-rule';
export type { AccessRule, AccessRules } from './access/access-rule';
export { TokenVerifier, bearerToken, TOKEN_ISSUER, TOKEN_AUDIENCE, TOKEN_ALGORITHM } from './access/token-verifier';
export type { VerifiedToken } from './access/token-verifier';
export { followTokenKeys } from './access/token-keys';
export { openSigningKey, SIGNING_ALGORITHM } from './access/signing-key';
export type { SigningKey } from './access/signing-key';
export { tokenAccess } from './access/token-access';
export type { FollowedVerifier } from './access/token-keys';
export { NATS_OPS_CALLER } from './access/nats-caller';
export { tlsFilesFromEnv, readTlsFiles, grpcServerCredentials } from './access/tls-files';
export type { TlsFiles, TlsMaterial } from './access/tls-files';
export { createServiceMetrics } from './metrics';
export type { ServiceMetrics } from './metrics';
export { startOpsServer } from './ops-server';
export type { OpsServer, OpsServerOptions, Readiness } from './ops-server';
export { startServiceOps } from './service-ops';
export type { ServiceOps } from './service-ops';
export { RegistryReplica } from './registry/registry-replica';
export { fetchRegistrySnapshot } from './registry/registry-snapshot';
export type { SnapshotRequester } from './registry/registry-snapshot';
export { syncRegistry, REGISTRY_SYNC_DEFAULTS } from './registry/registry-sync';
export type { RegistrySync, RegistrySyncOptions } from './registry/registry-sync';
