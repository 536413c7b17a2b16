// Peer system, gateway process: a Moleculer service whose action calls the adapter service's action
// on another broker, passing the request through untouched.
import type { Context } from 'moleculer';
import { ADAPTER_ACTION, createPeerBroker, type PeerParams, type PeerResult } from './peer-broker';
import { runWorker } from './worker-protocol';

if (require.main === module) {
  runWorker('peer-gateway', async (config) => {
    const broker = createPeerBroker(`gateway-${process.pid}`, config.natsUrl);
    broker.createService({
      name: 'gateway',
      actions: {
        getEnterprise: (ctx: Context<PeerParams, Record<string, unknown>>): Promise<PeerResult> =>
          ctx.call<PeerResult, PeerParams>(ADAPTER_ACTION, ctx.params, {
            meta: ctx.meta,
          }),
      },
    });
    await broker.start();
    await broker.waitForServices(['adapter'], 20_000);
    return async () => {
      await broker.stop();
    };
  });
}
