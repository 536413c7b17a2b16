// The Business Registration adapter: GetEnterprise = validate the code, ask the national system, map.
import { bindService, defineAdapter, type Adapter } from '@ndxp/adapter-sdk';
import { BUSINESS_REGISTRATION_PROVIDER, getEnterpriseService, MeshError } from '@ndxp/contracts';
import type { EnterpriseSource } from './enterprise-source';
import { mapEnterprise } from './mapper';
import { validateTaxCode } from './tax-code';

/** The adapter's version, reported by $SRV.INFO. */
export const ADAPTER_VERSION = '0.1.0';

/** Declares the adapter on top of a record source (HTTP national system or in-memory dataset). */
export function createBusinessRegistrationAdapter(source: EnterpriseSource): Adapter {
  return defineAdapter({
    name: 'adapter-business-registration',
    provider: BUSINESS_REGISTRATION_PROVIDER,
    version: ADAPTER_VERSION,
    description: `National Business Registration Database (${source.kind} upstream)`,
    services: [
      bindService(getEnterpriseService, async (request, ctx) => {
        const code = validateTaxCode(request.taxCode);
        if (!code.valid) throw new MeshError('client.invalid_argument', code.reason, { field: 'tax_code' });
        const enterprise = mapEnterprise(await source.lookup(code.taxCode, ctx));
        if (enterprise.taxCode !== code.taxCode) {
          throw new MeshError('server.upstream_failure', 'the national system answered another record');
        }
        return enterprise;
      }),
    ],
  });
}
