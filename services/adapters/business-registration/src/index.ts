// Public entry of the Business Registration adapter: its definition (runAdapter / startAdapter), and its pure parts.
export { businessRegistrationAdapter, ADAPTER_VERSION } from './adapter';
export { httpSource, memorySource } from './enterprise-source';
export type { EnterpriseSource } from './enterprise-source';
export { mapEnterprise, mapStatus, mapDate } from './mapper';
export { validateTaxCode } from './tax-code';
export type { TaxCodeResult, ValidTaxCode, InvalidTaxCode, TaxCodeProblem } from './tax-code';
