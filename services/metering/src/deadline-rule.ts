// The connection deadline rule (source: MIC, late 2021), as data in one place: by the deadline each
// ministry or ministry-level agency (class BO) must use 2 national systems, each province (TINH) 4.
import { BUDGET_UNITS_PROVIDER, BUSINESS_REGISTRATION_PROVIDER, CIVIL_STATUS_PROVIDER, VNPOST_PROVIDER } from '@ndxp/contracts';

/** Member classes the rule covers. */
export type RuleClass = 'BO' | 'TINH';

/** Required providers (national system tokens) per member class. */
export const DEADLINE_RULE: Readonly<Record<RuleClass, readonly string[]>> = {
  BO: [BUSINESS_REGISTRATION_PROVIDER, VNPOST_PROVIDER],
  TINH: [BUSINESS_REGISTRATION_PROVIDER, CIVIL_STATUS_PROVIDER, BUDGET_UNITS_PROVIDER, VNPOST_PROVIDER],
};

/** The subsystem code of an agency's LGSP: its consumer token is CLASS-CODE-LGSP. */
export const LGSP_SUBSYSTEM = 'LGSP';
