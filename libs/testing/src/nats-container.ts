// nats-server in a container via testcontainers, for machines with a Docker engine but no local
// binary. Used by startNatsServer only when the binary is missing.
import { PLAIN_SERVER_FIELDS, type NatsServerHandle } from './nats-server-handle';

/** Image used for test containers (NATS_IMAGE overrides). */
export const DEFAULT_NATS_IMAGE = 'nats:2.10-alpine';

/** True when testcontainers can reach a container runtime (Docker engine). */
export async function containerRuntimeReachable(): Promise<boolean> {
  try {
    // Loaded lazily: most runs use the local binary and never pay for testcontainers.
    const tc = await import('testcontainers');
    await tc.getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** Starts nats-server with JetStream in a container; readiness is the server's own log line. */
export async function startNatsContainer(): Promise<NatsServerHandle> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(process.env['NATS_IMAGE'] ?? DEFAULT_NATS_IMAGE)
    .withCommand(['-js', '-sd', '/data'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  const port = container.getMappedPort(4222);
  const host = container.getHost();
  const handle: NatsServerHandle = {
    url: `nats://${host}:${port}`,
    port,
    owned: true,
    stop: async () => {
      await container.stop();
    },
    restart: async () => {
      throw new Error('restart is supported for the local nats-server binary only');
    },
    ...PLAIN_SERVER_FIELDS,
    [Symbol.asyncDispose]: async () => handle.stop(),
  };
  return handle;
}
