// Serving the query table over NATS request-reply: Ndxp-Status "ok" and the proto answer, or
// the MeshError's headers and an empty payload.
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';
import { Header, MeshError, STATUS_OK, subjects } from '@ndxp/contracts';
import type { Logger } from '@ndxp/runtime';
import type { QueryMethod } from './query-handlers';

/** Queue group shared by every metering replica. */
export const METERING_QUEUE = 'ndxp-metering';

const EMPTY = new Uint8Array(0);

/** The NATS side of the query API. */
export interface NatsQueryServer {
  /** Drains the subscriptions: requests already received are still answered. */
  stop(): Promise<void>;
}

async function answer(msg: Msg, method: QueryMethod, logger: Logger): Promise<void> {
  const h = headers();
  let request: unknown;
  try {
    request = method.decode(msg.data);
  } catch (err) {
    new MeshError('client.malformed', `undecodable ${method.name} request`, { cause: err }).writeHeaders(h);
    msg.respond(EMPTY, { headers: h });
    return;
  }
  try {
    const response = await method.handle(request);
    h.set(Header.Status, STATUS_OK);
    msg.respond(method.encode(response), { headers: h });
  } catch (err) {
    const e = MeshError.from(err);
    if (!e.code.startsWith('client.')) logger.error({ err, method: method.name }, 'metering query failed');
    e.writeHeaders(h);
    msg.respond(EMPTY, { headers: h });
  }
}

/** Subscribes subjects.metering(name) for each method in the queue group "ndxp-metering". */
export function serveNatsQueries(nc: NatsConnection, methods: QueryMethod[], logger: Logger): NatsQueryServer {
  const subs: Subscription[] = methods.map((method) =>
    nc.subscribe(subjects.metering(method.name), {
      queue: METERING_QUEUE,
      callback: (err, msg) => {
        if (err) {
          logger.warn({ err, method: method.name }, 'metering query subscription error');
          return;
        }
        void answer(msg, method, logger).catch((e: unknown) => logger.error({ err: e }, 'could not answer a query'));
      },
    }),
  );
  return {
    async stop(): Promise<void> {
      if (nc.isClosed()) return;
      await Promise.all(subs.map((s) => s.drain().catch(() => undefined)));
    },
  };
}
