import { Enterprise, GetEnterpriseRequest, MeshError, type NationalService } from '@ndxp/contracts';
import { startNatsServer } from '@ndxp/testing';
import { bindService, defineAdapter } from './define-adapter';
import { intSetting } from './setting';
import { AdapterHarness, askAdapter } from './testing';

const PROVIDER = 'BO-BTP-TOY';
const lookup: NationalService<GetEnterpriseRequest, Enterprise> = {
  provider: PROVIDER,
  service: 'Lookup',
  version: 'v1',
  request: GetEnterpriseRequest,
  response: Enterprise,
  protoMethod: 'toy.Lookup/Lookup',
  safeToRepeat: true,
  httpPath: `/${PROVIDER}/v1/Lookup`,
  httpAliases: [],
};
const events: string[] = [];
const toy = defineAdapter({
  name: 'adapter-toy',
  provider: PROVIDER,
  version: '1.0.0',
  envPrefix: 'TOY',
  upstream: { name: 'toy system', defaultUrl: 'http://127.0.0.1:1' },
  settings: { copies: intSetting('TOY_COPIES', { fallback: 1, min: 1, max: 9, meaning: 'copies of the name' }) },
  services: ({ settings, upstream }) => [
    bindService(lookup, async (req, ctx) => {
      if (req.taxCode === 'upstream') await upstream.call(ctx, { path: '/x' });
      if (req.taxCode === '') throw new MeshError('client.invalid_argument', 'empty', { field: 'tax_code' });
      return Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: req.taxCode.repeat(settings.own.copies) });
    }),
  ],
  onStart: async ({ settings }) => {
    events.push(`started with ${settings.own.copies}`);
    return async () => {
      events.push('stopped');
    };
  },
});

describe('startAdapter of a definition', () => {
  let harness: AdapterHarness;
  const ask = (taxCode: string) => askAdapter(harness.client, lookup, { taxCode });
  beforeAll(async () => (harness = await AdapterHarness.open(startNatsServer)));
  afterAll(() => harness?.close());

  it('reads its own settings and the SDK ones from env, binds the handlers to them, and answers', async () => {
    const adapter = await harness.start(toy, { TOY_COPIES: '3', TOY_UPSTREAM_RETRIES: '0' });
    expect(adapter.settings).toMatchObject({ own: { copies: 3 }, upstream: { retries: 0 }, opsAddr: undefined });
    expect(await ask('ab')).toMatchObject({ status: 'ok', body: { nameVi: 'ababab' } });
    expect(await ask('')).toMatchObject({ status: 'client.invalid_argument', field: 'tax_code' });
    // The upstream the SDK made from TOY_UPSTREAM_URL: nothing listens on port 1.
    expect((await ask('upstream')).status).toBe('server.upstream_failure');
    await harness.reset();
  });

  it('starts onStart before serving and stops it after the services drained', async () => {
    events.length = 0;
    const adapter = await harness.start(toy, { OPS_ADDR: '127.0.0.1:0' });
    expect(events).toEqual(['started with 1']);
    expect((await fetch(`http://127.0.0.1:${adapter.opsPort!}/readyz`)).status).toBe(200);
    await adapter.stop();
    await adapter.stop();
    expect(events).toEqual(['started with 1', 'stopped']);
    await harness.reset();
  });

  it('refuses a bad setting before connecting anything', async () => {
    await expect(harness.start(toy, { TOY_COPIES: '10' })).rejects.toMatchObject({ code: 'config.out_of_range' });
    await harness.reset();
  });
});
