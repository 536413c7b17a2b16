// Public entry of @ndxp/runtime.
export { ConfigError, envString, envRequired, envInt, envBool, envEnum, loadCommonConfig } from './config';
export type { Env, CommonConfig } from './config';
export { createLogger, PERSONAL_FIELDS } from './logger';
export type { Logger } from './logger';
export { startTelemetry, injectTrace, extractTrace } from './telemetry';
export type { Telemetry, TraceCarrier } from './telemetry';
export { connectNats } from './nats';
export type { NatsConnection } from './nats';
export { runService, handleHelp } from './lifecycle';
export type { Stopper } from './lifecycle';
export { ensureMeterStream, ensureEventsStream, METER_DUPLICATE_WINDOW_MS, EVENTS_MAX_AGE_MS } from './meter-stream';
export { ReplyMux, ReplyError } from './reply-mux';
export type { ReplyFailure } from './reply-mux';
export { methodTable } from './proto-api/method-table';
export type { MethodEntry, GenericDefinition, Handlers } from './proto-api/method-table';
export { serveNatsApi } from './proto-api/nats-api';
export { serveGrpcApi } from './proto-api/grpc-api';
export type { GrpcApi } from './proto-api/grpc-api';
