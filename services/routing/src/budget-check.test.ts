import { atOnce, authorizedRequest, NOW, passed, recordingSpan, refusalOf } from './admission.fixture';
import { checkBudget } from './budget-check';
import { MIN_BUDGET_MS } from './request-checks';

const span = recordingSpan();
const authorized = (budgetMs: number) => authorizedRequest({ deadline: NOW + budgetMs, span });
const stalled = (ms: number) => ({ stalledMs: () => ms });

describe('checkBudget', () => {
  it('passes the whole budget when routing did not stall', () => {
    const out = passed(atOnce(checkBudget(stalled(0))(authorized(5_000))));
    expect({ stalledMs: out.stalledMs, budgetMs: out.budgetMs, deadline: out.deadline }).toEqual({
      stalledMs: 0,
      budgetMs: 5_000,
      deadline: NOW + 5_000,
    });
    expect(passed(atOnce(checkBudget(undefined)(authorized(MIN_BUDGET_MS)))).budgetMs).toBe(MIN_BUDGET_MS);
  });
  it('refuses a deadline already past with client.deadline_exceeded', () => {
    const e = atOnce(checkBudget(stalled(0))(authorized(0)));
    expect(refusalOf(e)).toEqual({ code: 'client.deadline_exceeded', field: undefined });
    expect((e as Error).message).toBe('the deadline passed before the request reached routing');
  });
  it("refuses a budget under routing's floor with client.deadline_exceeded naming both", () => {
    const e = atOnce(checkBudget(stalled(0))(authorized(MIN_BUDGET_MS - 1)));
    expect((e as Error).message).toBe(`a time budget of ${MIN_BUDGET_MS - 1} ms is under routing's floor of ${MIN_BUDGET_MS} ms`);
  });
  it('charges a stall of routing to the budget and records it on the span, without refusing (the stall step does)', () => {
    const out = passed(atOnce(checkBudget(stalled(4_995))(authorized(5_000))));
    expect({ stalledMs: out.stalledMs, budgetMs: out.budgetMs, deadline: out.deadline }).toEqual({
      stalledMs: 4_995,
      budgetMs: 5,
      deadline: NOW + 5,
    });
    expect(span.attributes['ndxp.stalled_ms']).toBe(4_995);
  });
  it("checks the consumer's budget before the stall: a short budget is the consumer's, not the mesh's", () => {
    expect(refusalOf(atOnce(checkBudget(stalled(1_000))(authorized(5))))).toEqual({ code: 'client.deadline_exceeded', field: undefined });
  });
});
