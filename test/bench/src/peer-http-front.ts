// peer-http system, front process: fastify (the gateway edge's own framework) taking the edge's
// POST /BO-BKHDT-DKDN/v1/GetEnterprise, the body in proto3 JSON; it encodes the proto request,
// forwards it with raw nats.js to the ceiling's adapter process, decodes the answer and replies
// JSON. Nothing else: no authentication, metering or tracing, no routing hop.
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { getEnterpriseService, Header, STATUS_OK, subjects } from '@ndxp/contracts';
import Fastify from 'fastify';
import { runWorker } from './worker-protocol';

const FORWARD_TIMEOUT_MS = 5000;
const national = getEnterpriseService;

if (require.main === module) {
  runWorker('peer-http-front', async (config) => {
    const nc: NatsConnection = await connect({ servers: config.natsUrl, name: 'bench-peer-http-front' });
    const subject = subjects.service(national.provider, national.service);
    const app = Fastify({ logger: false });
    app.post(national.httpPath, async (req, reply) => {
      const h = headers();
      // The envelope a thin gateway passes on: the caller's request id and trace context, if any.
      for (const name of [Header.RequestId, Header.TraceParent]) {
        const v = req.headers[name.toLowerCase()];
        if (typeof v === 'string') h.set(name, v);
      }
      let request: Uint8Array;
      try {
        request = national.request.encode(national.request.fromJSON(req.body)).finish();
      } catch {
        return reply.code(400).send({ code: 'client.malformed' });
      }
      try {
        const answer = await nc.request(subject, request, { timeout: FORWARD_TIMEOUT_MS, headers: h });
        const status = answer.headers?.get(Header.Status) ?? '';
        if (status !== STATUS_OK) return reply.code(502).send({ code: status || 'no-status' });
        return reply.type('application/json; charset=utf-8').send(national.response.toJSON(national.response.decode(answer.data)));
      } catch {
        return reply.code(504).send({ code: 'server.timeout' });
      }
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return {
      detail: String(port),
      stop: async () => {
        await app.close();
        await nc.drain();
      },
    };
  });
}
