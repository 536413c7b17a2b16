// Budget-relationship unit codes (mã số ĐVQHNS), Bộ Tài chính.
import { BudgetUnitsDefinition } from '../gen/ndxp/budgetunit/v1/budget_unit';
import { nationalService } from './national-service';

/** Provider token of the budget-unit code system. */
export const BUDGET_UNITS_PROVIDER = 'BO-BTC-MSNS';

/** Look up a unit by its 7-character code. */
export const getBudgetUnitService = nationalService(
  BUDGET_UNITS_PROVIDER,
  BudgetUnitsDefinition,
  BudgetUnitsDefinition.methods.getBudgetUnit,
);

/** Search units by name and managing authority, with paging. */
export const searchBudgetUnitsService = nationalService(
  BUDGET_UNITS_PROVIDER,
  BudgetUnitsDefinition,
  BudgetUnitsDefinition.methods.searchBudgetUnits,
);
