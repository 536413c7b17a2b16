// The Business Registration adapter: GetEnterprise = validate the code, ask the national system, map.
import { bindService, choiceSetting, defineAdapter, intSetting, textSetting } from '@ndxp/adapter-sdk';
import { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService, MeshError } from '@ndxp/contracts';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { httpSource, memorySource } from './enterprise-source';
import { mapEnterprise } from './mapper';
import { validateTaxCode } from './tax-code';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

/** GetEnterprise from the national system, or (BR_UPSTREAM=memory, for benchmarks) from the simulator's dataset in-process. */
export const businessRegistrationAdapter = defineAdapter({
  name: 'adapter-business-registration',
  provider: BUSINESS_REGISTRATION_PROVIDER,
  version: ADAPTER_VERSION,
  description: 'National Business Registration Database',
  envPrefix: 'BR',
  upstream: { name: 'CSDL đăng ký doanh nghiệp', defaultUrl: 'http://127.0.0.1:8081' },
  settings: {
    source: choiceSetting('BR_UPSTREAM', {
      fallback: 'http',
      values: ['http', 'memory'] as const,
      meaning:
        'call the national system, or answer from the simulator dataset in this process with the same mapper (benchmarks and demos measure the mesh, not an HTTP hop)',
    }),
    memorySeed: textSetting('SIM_SEED', { fallback: DEFAULT_SEED, meaning: "memory mode only: dataset seed (the simulator's meaning)" }),
    memorySize: intSetting('SIM_SIZE', {
      fallback: DEFAULT_SIZE,
      min: 1,
      max: 5_000_000,
      meaning: 'memory mode only: number of enterprises',
    }),
  },
  services: ({ upstream, settings: { own } }) => {
    const source =
      own.source === 'memory' ? memorySource(createDataset({ seed: own.memorySeed, size: own.memorySize })) : httpSource(upstream);
    return [
      bindService(getEnterpriseService, async (request, ctx) => {
        const code = validateTaxCode(request.taxCode);
        if (!code.valid) throw new MeshError('client.invalid_argument', code.reason, { field: 'tax_code' });
        const enterprise = mapEnterprise(await source.lookup(code.taxCode, ctx));
        if (enterprise.taxCode !== code.taxCode) {
          throw new MeshError('server.upstream_failure', 'the national system answered another record');
        }
        return enterprise;
      }),
    ];
  },
  readyFields: ({ own, upstream }) => ({ upstream: own.source, upstreamUrl: own.source === 'http' ? upstream.baseUrl : undefined }),
});
