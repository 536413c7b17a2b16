// Every national service this build knows, for tools that list or call services by name.
import { getBudgetUnitService, searchBudgetUnitsService } from './budget-units';
import { getEnterpriseService } from './business-registration';
import { getCivilStatusRecordService } from './civil-status';
import type { NationalService } from './national-service';
import { cancelOrderService, createOrderService, quotePostageService, trackOrderService } from './vnpost';
// new-adapter: insert imports above

/** All national services, in a stable order. */
export const NATIONAL_SERVICES: ReadonlyArray<NationalService<unknown, unknown>> = [
  getEnterpriseService,
  getCivilStatusRecordService,
  getBudgetUnitService,
  searchBudgetUnitsService,
  createOrderService,
  cancelOrderService,
  trackOrderService,
  quotePostageService,
  // new-adapter: insert services above
] as ReadonlyArray<NationalService<unknown, unknown>>;

/** Finds a national service by provider and service name. */
export function findNationalService(provider: string, service: string): NationalService<unknown, unknown> | undefined {
  return NATIONAL_SERVICES.find((s) => s.provider === provider && s.service === service);
}
