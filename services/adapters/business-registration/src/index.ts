// Public entry of the Business Registration adapter: its definition (runAdapter / startAdapter), and its pure parts.
export { businessRegistrationAdapter, defineBusinessRegistrationAdapter, ADAPTER_VERSION } from './adapter';
export { httpSource } from './enterprise-source';
export type { EnterpriseSource } from './enterprise-source';
export { mapEnterprise, mapStatus } from './mapper';
