// The NATS connection of a service: reconnects forever with a short, jittered wait, pings the broker
// every few seconds, logs state. It does NOT buffer across a disconnect: nats.js 3.4's publish()
// appends to an outbound buffer that is written only while connected, and every dial attempt
// starts by resetting that buffer (ProtocolHandler.prepare → resetOutbound), so whatever is published
// between the drop and the reconnect, or before the drop but not yet flushed, is silently discarded.
// A request() made then is not rejected either: it waits out its own timeout. Subscriptions are
// sent again on the reconnect. Callers that must not lose a message retry it themselves (the LGSP
// client resends under the same request id; JetStream publishes wait for their ack).
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { credsAuthenticator } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CommonConfig } from './config';

export type { NatsConnection } from '@nats-io/nats-core';

/**
 * Reconnect and keep-alive settings of every service's connection (nats.js defaults: 2 s wait plus up
 * to 100 ms of jitter, 1 s with TLS; a ping every 2 minutes). A redial happens 100–200 ms (TLS
 * 100–300 ms) after the last one, so a broker back after an outage is reached within that; pings every
 * 2 s with 2 allowed unanswered make a dead link stale (and redialled) after at most about 6 s.
 */
export const NATS_CONNECTION_TIMING = {
  reconnectTimeWait: 100,
  reconnectJitter: 100,
  reconnectJitterTLS: 200,
  pingInterval: 2_000,
  maxPingOut: 2,
} as const;

/**
 * Connects with the mesh's defaults: infinite reconnects (NATS_CONNECTION_TIMING), a name for
 * monitoring, and the configured credentials, TLS and inbox prefix.
 */
export async function connectNats(config: CommonConfig, name: string, logger: Logger): Promise<NatsConnection> {
  const nc = await connect({
    servers: config.natsServers,
    name,
    maxReconnectAttempts: -1,
    ...NATS_CONNECTION_TIMING,
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
