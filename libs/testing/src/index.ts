// Public entry of @ndxp/testing.
export { startNatsServer, probe } from './nats-server';
export type { NatsServerHandle, NatsServerOptions } from './nats-server';
export { startProcess } from './processes';
export type { ServiceProcess, StartProcessOptions } from './processes';
export { startMesh, REPO_ROOT, NATIONAL_SYSTEMS, serviceEntry } from './mesh';
export type { Mesh, MeshOptions, ServiceName, NationalSystem } from './mesh';
export { startNatsContainer, containerRuntimeReachable, DEFAULT_NATS_IMAGE } from './nats-container';
