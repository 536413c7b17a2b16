// What a test needs to talk to the server it started, so that a package's tests (a scaffolded
// adapter's among them) depend on this harness alone, not on nats.js packages of their own.
import { connect } from '@nats-io/transport-node';
import type { ConnectionOptions, NatsConnection } from '@nats-io/nats-core';

export { headers } from '@nats-io/nats-core';
export type { MsgHdrs, NatsConnection } from '@nats-io/nats-core';

/** Connects a plain client to a server started by startNatsServer (or any `{ url }`). */
export function connectTo(server: { url: string }, options: Omit<ConnectionOptions, 'servers'> = {}): Promise<NatsConnection> {
  return connect({ ...options, servers: server.url });
}
