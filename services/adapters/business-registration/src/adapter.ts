// The Business Registration adapter: GetEnterprise = validate the code, ask the national system, map.
import { bindService, defineAdapter, type ServiceBinding, type Upstream } from '@ndxp/adapter-sdk';
import { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService, MeshError, validateTaxCode } from '@ndxp/contracts';
import { httpSource, type EnterpriseSource } from './enterprise-source';
import { mapEnterprise } from './mapper';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

/** GetEnterprise over a source of national records: validate the code, look it up, map, check it is the one asked for. */
function getEnterprise(source: EnterpriseSource): ServiceBinding[] {
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
}

/** GetEnterprise from the national system (BR_UPSTREAM_URL). */
export const businessRegistrationAdapter = defineAdapter({
  name: 'adapter-business-registration',
  provider: BUSINESS_REGISTRATION_PROVIDER,
  version: ADAPTER_VERSION,
  description: 'National Business Registration Database',
  envPrefix: 'BR',
  upstream: { name: 'CSDL đăng ký doanh nghiệp', defaultUrl: 'http://127.0.0.1:8081' },
  services: ({ upstream }) => getEnterprise(httpSource(upstream)),
});

/**
 * The same adapter over another source of national records: a benchmark or test may pass its own
 * (e.g. an in-process dataset) to measure the mesh alone.
 */
export function defineBusinessRegistrationAdapter(
  openSource: (upstream: Upstream) => EnterpriseSource,
): typeof businessRegistrationAdapter {
  return defineAdapter({ ...businessRegistrationAdapter, services: ({ upstream }) => getEnterprise(openSource(upstream)) });
}
