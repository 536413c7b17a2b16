// Ceiling system, router process: raw nats.js, forwards each request to the adapter's subject and
// relays the answer. Nothing else: no authorization, no metering, no tracing.
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Header, parseRequestSubject, ROUTING_QUEUE, subjects } from '@ndxp/contracts';
import { runWorker } from './worker-protocol';

const FORWARD_TIMEOUT_MS = 5000;
const EMPTY = new Uint8Array(0);

if (require.main === module) {
  runWorker('ceiling-router', async (config) => {
    const nc: NatsConnection = await connect({
      servers: config.natsUrl,
      name: 'bench-ceiling-router',
    });
    const forward = (m: Msg): void => {
      const route = parseRequestSubject(m.subject);
      if (!route) return;
      nc.request(subjects.service(route.provider, route.service), m.data, {
        timeout: FORWARD_TIMEOUT_MS,
        headers: m.headers,
      }).then(
        (answer) => m.respond(answer.data, { headers: answer.headers }),
        () => {
          const h = headers();
          h.set(Header.Status, 'server.timeout');
          m.respond(EMPTY, { headers: h });
        },
      );
    };
    nc.subscribe(subjects.requestAll, {
      queue: ROUTING_QUEUE,
      callback: (err, m) => {
        if (!err) forward(m);
      },
    });
    await nc.flush();
    return async () => {
      await nc.drain();
    };
  });
}
