// The NATS connection of a service: reconnects forever, buffers while disconnected, logs state.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { credsAuthenticator } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CommonConfig } from './config';

export type { NatsConnection } from '@nats-io/nats-core';

/**
 * Connects with the mesh's defaults: infinite reconnects, a name for monitoring, and the
 * configured credentials, TLS and inbox prefix.
 */
export async function connectNats(config: CommonConfig, name: string, logger: Logger): Promise<NatsConnection> {
  const nc = await connect({
    servers: config.natsServers,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    ...(config.natsUser ? { user: config.natsUser, pass: config.natsPassword ?? '' } : {}),
    ...(config.natsCreds ? { authenticator: credsAuthenticator(readFileSync(config.natsCreds)) } : {}),
    ...(config.natsTls ? { tls: config.natsTls } : {}),
    ...(config.natsInboxPrefix ? { inboxPrefix: config.natsInboxPrefix } : {}),
  });
  logger.info({ server: nc.getServer() }, 'connected to NATS');
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error') {
        logger.warn({ event: s.type, server: 'server' in s ? s.server : undefined }, 'NATS connection status');
      }
    }
  })().catch(() => undefined);
  return nc;
}
