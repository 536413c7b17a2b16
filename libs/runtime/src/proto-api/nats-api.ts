// Serving a method table over NATS request-reply: one queue-group subscription per method,
// proto in and out, Ndxp-Status "ok" or the MeshError's headers with an empty payload; optionally
// registered with NATS service discovery ($SRV.PING/INFO/STATS), one endpoint per method.
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { Header, isClientError, MeshError, STATUS_OK } from '@ndxp/contracts';
import type { Logger } from 'pino';
import type { Caller } from '../access/roles';
import { EndpointTally } from '../discovery/endpoint-tally';
import { startServiceDiscovery, type ServiceDiscovery, type ServiceDiscoveryOptions } from '../discovery/service-discovery';
import type { MethodEntry } from './method-table';

const EMPTY = new Uint8Array(0);

/** A NATS API being served. */
export interface NatsApi {
  /** Instance id in $SRV discovery; undefined when the API is not registered there. */
  discoveryId: string | undefined;
  /** Leaves discovery, then drains the method subscriptions. */
  stop(): Promise<void>;
}

/** Subscribes every method on subject(name) in `queue`; resolves once the server has them. */
export async function serveNatsApi(
  nc: NatsConnection,
  methods: MethodEntry[],
  options: {
    subject: (method: string) => string;
    queue: string;
    logger: Logger;
    /** The caller handlers see: the broker has checked who may publish to these subjects. */
    caller: Caller;
    /** Registers the API with NATS service discovery under this name and version; absent: not registered. */
    discovery?: Pick<ServiceDiscoveryOptions, 'name' | 'version' | 'description' | 'metadata'>;
  },
): Promise<NatsApi> {
  const { logger } = options;
  const served = methods.map((m) => ({ m, tally: new EndpointTally() }));
  const subs: Subscription[] = served.map(({ m, tally }) =>
    nc.subscribe(options.subject(m.name), {
      queue: options.queue,
      callback: (err, msg) => {
        if (err) {
          logger.warn({ err, method: m.name }, 'API subscription error');
          return;
        }
        void answer(m, msg, logger, options.caller, tally);
      },
    }),
  );
  let discovery: ServiceDiscovery | undefined;
  try {
    if (options.discovery) {
      discovery = await startServiceDiscovery(nc, {
        ...options.discovery,
        logger,
        endpoints: served.map(({ m, tally }) => ({
          name: m.name,
          subject: options.subject(m.name),
          queueGroup: options.queue,
          counts: () => tally.counts(),
        })),
      });
    }
    await nc.flush();
  } catch (err) {
    for (const s of subs) s.unsubscribe();
    throw err;
  }
  return {
    discoveryId: discovery?.id,
    stop: async () => {
      discovery?.stop();
      await Promise.all(subs.filter((s) => !s.isClosed()).map((s) => s.drain()));
    },
  };
}

async function answer(m: MethodEntry, msg: Msg, logger: Logger, caller: Caller, tally: EndpointTally): Promise<void> {
  if (!msg.reply) return;
  const startedAt = tally.begin();
  let serverError: string | undefined;
  const h = headers();
  let body: Uint8Array;
  try {
    let request: unknown;
    try {
      request = m.decode(msg.data);
    } catch (cause) {
      throw new MeshError('client.malformed', `cannot decode ${m.name} request`, { cause });
    }
    body = m.encode(await m.handle(request, { caller, peer: '' }));
    h.set(Header.Status, STATUS_OK);
  } catch (err) {
    const e = MeshError.from(err);
    if (!isClientError(e.code)) {
      logger.error({ err, method: m.name }, 'API request failed');
      serverError = `${e.code}: ${e.message}`;
    } else logger.debug({ code: e.code, field: e.field, method: m.name }, 'API request refused');
    e.writeHeaders(h);
    body = EMPTY;
  }
  tally.finish(startedAt, serverError);
  try {
    msg.respond(body, { headers: h });
  } catch (err) {
    logger.warn({ err, method: m.name }, 'cannot send API reply');
  }
}
