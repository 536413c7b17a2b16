// Public entry of @ndxp/testing.
export { startNatsServer, probe } from './nats-server';
export { connectTo, headers } from './client';
export type { MsgHdrs, NatsConnection } from './client';
export type { NatsServerHandle, NatsServerOptions } from './nats-server';
export { startProcess } from './processes';
export type { ServiceProcess, StartProcessOptions } from './processes';
export { startMesh, REPO_ROOT, NATIONAL_SYSTEMS, SYSTEM_PROVIDERS, serviceEntry, serviceRole } from './mesh';
export type { Mesh, MeshOptions, ServiceName, NationalSystem } from './mesh';
export { makeTestCerts } from './test-certs';
export type { TestCerts } from './test-certs';
export { startNatsContainer, containerRuntimeReachable, DEFAULT_NATS_IMAGE } from './nats-container';
export { startNatsCluster } from './nats-cluster';
export type { NatsClusterHandle, NatsClusterOptions, ClusterNode } from './nats-cluster';
export { testTokenIssuer } from './access-tokens';
export type { TestTokenIssuer, TestTokenKey } from './access-tokens';
export { probeMethod, probeEveryMethod, withBearer } from './grpc-probe';
export type { ProbeResult } from './grpc-probe';
export { waitUntil } from './wait-until';
