// Peer system, adapter process: a Moleculer service doing the same decode, lookup and encode work
// as the ceiling's adapter.
import { Errors, type Context } from 'moleculer';
import { createLookup } from './enterprise-lookup';
import { answerLookup } from './lookup-work';
import { createPeerBroker, type PeerParams, type PeerResult } from './peer-broker';
import { runWorker } from './worker-protocol';

if (require.main === module) {
  runWorker('peer-adapter', async (config) => {
    const lookup = createLookup({
      seed: config.datasetSeed,
      size: config.datasetSize,
    });
    const broker = createPeerBroker(`adapter-${process.pid}`, config.natsUrl);
    broker.createService({
      name: 'adapter',
      actions: {
        getEnterprise: (ctx: Context<PeerParams>): PeerResult => {
          const answer = answerLookup(lookup, Buffer.from(ctx.params.request, 'base64'));
          if (!answer) throw new Errors.MoleculerClientError('no record matches the request', 404, 'client.not_found');
          return {
            status: 'ok',
            enterprise: Buffer.from(answer).toString('base64'),
          };
        },
      },
    });
    await broker.start();
    return async () => {
      await broker.stop();
    };
  });
}
