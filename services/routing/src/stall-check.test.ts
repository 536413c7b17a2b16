import { atOnce, passed, refusalOf, timelyRequest } from './admission.fixture';
import { MIN_BUDGET_MS } from './request-checks';
import { checkStall } from './stall-check';

describe('checkStall', () => {
  it('passes a request whose budget the stall left at or above the floor', () => {
    const stats = { staleAfterStall: 0 };
    expect(passed(atOnce(checkStall(stats)(timelyRequest({ stalledMs: 100, budgetMs: MIN_BUDGET_MS })))).timely).toBe(true);
    expect(passed(atOnce(checkStall(stats)(timelyRequest({ stalledMs: 0 })))).timely).toBe(true);
    expect(stats.staleAfterStall).toBe(0);
  });
  it('refuses server.timeout naming the stall when it spent the budget, and counts it', () => {
    const stats = { staleAfterStall: 0 };
    const e = atOnce(checkStall(stats)(timelyRequest({ stalledMs: 4_999, budgetMs: 1 })));
    expect(refusalOf(e)).toEqual({ code: 'server.timeout', field: undefined });
    expect((e as Error).message).toBe("routing did not run for 4999 ms (frozen or blocked): the request's budget was spent unread");
    expect(stats.staleAfterStall).toBe(1);
  });
});
