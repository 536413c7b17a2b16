// Ceiling system, adapter process: raw nats.js on the adapter's service subject; decodes the
// request, looks up the enterprise, encodes the answer with Ndxp-Status "ok".
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService, Header, STATUS_OK, subjects } from '@ndxp/contracts';
import { createLookup } from './enterprise-lookup';
import { answerLookup } from './lookup-work';
import { runWorker } from './worker-protocol';

const EMPTY = new Uint8Array(0);

if (require.main === module) {
  runWorker('ceiling-adapter', async (config) => {
    const lookup = createLookup({
      seed: config.datasetSeed,
      size: config.datasetSize,
    });
    const nc: NatsConnection = await connect({
      servers: config.natsUrl,
      name: 'bench-ceiling-adapter',
    });
    nc.subscribe(subjects.service(BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService.service), {
      queue: subjects.serviceQueue(BUSINESS_REGISTRATION_PROVIDER),
      callback: (err, m) => {
        if (err) return;
        const h = headers();
        let body: Uint8Array | undefined;
        try {
          body = answerLookup(lookup, m.data);
          h.set(Header.Status, body ? STATUS_OK : 'client.not_found');
        } catch {
          h.set(Header.Status, 'client.malformed');
        }
        m.respond(body ?? EMPTY, { headers: h });
      },
    });
    await nc.flush();
    return async () => {
      await nc.drain();
    };
  });
}
