// The registry API over NATS: one queue-group subscription per proto method on
// subjects.registry(<Method>), proto in and out, status and errors in headers.
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { Header, MeshError, STATUS_OK, isClientError, subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { MethodEntry } from './method-table';

/** Queue group every registry replica joins. */
export const REGISTRY_QUEUE = 'ndxp-registry';

/** Subscribes every method; resolves once the server has the subscriptions. */
export async function serveNats(nc: NatsConnection, methods: MethodEntry[], logger: Logger): Promise<{ stop(): Promise<void> }> {
  const subs: Subscription[] = methods.map((m) =>
    nc.subscribe(subjects.registry(m.name), {
      queue: REGISTRY_QUEUE,
      callback: (err, msg) => {
        if (err) {
          logger.warn({ err, method: m.name }, 'registry subscription error');
          return;
        }
        void answer(m, msg, logger);
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

async function answer(m: MethodEntry, msg: Msg, logger: Logger): Promise<void> {
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
    body = m.encode(await m.handle(request));
    h.set(Header.Status, STATUS_OK);
  } catch (err) {
    const e = MeshError.from(err);
    if (!isClientError(e.code)) logger.error({ err, method: m.name }, 'registry request failed');
    else logger.debug({ code: e.code, field: e.field, method: m.name }, 'registry request refused');
    e.writeHeaders(h);
    body = new Uint8Array(0);
  }
  try {
    msg.respond(body, { headers: h });
  } catch (err) {
    logger.warn({ err, method: m.name }, 'cannot send registry reply');
  }
}
