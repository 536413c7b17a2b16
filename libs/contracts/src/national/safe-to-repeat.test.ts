import {
  cancelOrderService,
  createOrderService,
  getBudgetUnitService,
  getCivilStatusRecordService,
  getEnterpriseService,
  quotePostageService,
  searchBudgetUnitsService,
  trackOrderService,
} from '../index';

describe('safeToRepeat, from each proto method idempotency_level', () => {
  it('is true for the reads (NO_SIDE_EFFECTS)', () => {
    for (const s of [
      getEnterpriseService,
      getCivilStatusRecordService,
      getBudgetUnitService,
      searchBudgetUnitsService,
      trackOrderService,
      quotePostageService,
    ])
      expect([s.service, s.safeToRepeat]).toEqual([s.service, true]);
  });

  it('is false for the methods that change the order book (level left unknown)', () => {
    expect([createOrderService.safeToRepeat, cancelOrderService.safeToRepeat]).toEqual([false, false]);
  });
});
