// Serving a method table over NATS request-reply: one queue-group subscription per method,
// proto in and out, Ndxp-Status "ok" or the MeshError's headers with an empty payload.
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { Header, isClientError, MeshError, STATUS_OK } from '@ndxp/contracts';
import type { Logger } from 'pino';
import type { Caller } from '../access/roles';
import type { MethodEntry } from './method-table';

const EMPTY = new Uint8Array(0);

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
  },
): Promise<{ stop(): Promise<void> }> {
  const { logger } = options;
  const subs: Subscription[] = methods.map((m) =>
    nc.subscribe(options.subject(m.name), {
      queue: options.queue,
      callback: (err, msg) => {
        if (err) {
          logger.warn({ err, method: m.name }, 'API subscription error');
          return;
        }
        void answer(m, msg, logger, options.caller);
      },
    }),
  );
  await nc.flush();
  return {
    stop: async () => {
      await Promise.all(subs.filter((s) => !s.isClosed()).map((s) => s.drain()));
    },
  };
}

async function answer(m: MethodEntry, msg: Msg, logger: Logger, caller: Caller): Promise<void> {
  if (!msg.reply) return;
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
    if (!isClientError(e.code)) logger.error({ err, method: m.name }, 'API request failed');
    else logger.debug({ code: e.code, field: e.field, method: m.name }, 'API request refused');
    e.writeHeaders(h);
    body = EMPTY;
  }
  try {
    msg.respond(body, { headers: h });
  } catch (err) {
    logger.warn({ err, method: m.name }, 'cannot send API reply');
  }
}
