// The order of admission's steps: a request failing several checks is refused by the first of them.
import { MeshError } from '@ndxp/contracts';
import { LIMITS, NOW, receivedRequest } from './admission.fixture';
import { admissionSteps, type AdmissionDeps } from './admission-steps';
import { ReplayCache } from './replay-cache';

/** Deps under which every step passes; each test breaks some. */
function deps(overrides: Partial<AdmissionDeps> = {}): AdmissionDeps {
  return {
    config: LIMITS,
    view: { ready: true, hasGrant: () => true },
    stall: { stalledMs: () => 0 },
    replays: new ReplayCache({ windowMs: 600_000, maxEntries: 100, maxBytes: 1_000_000 }),
    shared: undefined,
    limiter: { admit: () => undefined },
    stats: { staleAfterStall: 0, replayedShared: 0, rateLimited: 0 },
    ...overrides,
  };
}
const denied = { ready: true, hasGrant: () => false };
const limited = { admit: () => new MeshError('client.rate_limited') };

async function codeOf(d: AdmissionDeps, values: Record<string, string> = {}, serviceKnown = true): Promise<string> {
  const verdict = await admissionSteps(d).run(receivedRequest(values, { serviceKnown }));
  return verdict.kind === 'refused' ? verdict.refusal.code : verdict.kind;
}

describe('admissionSteps', () => {
  it('admits a request that passes every step, with what each established', async () => {
    const verdict = await admissionSteps(deps({ limiter: { admit: () => 'quota-taken' } })).run(
      receivedRequest({ 'Ndxp-Timeout': '2000' }),
    );
    if (verdict.kind !== 'admitted') throw new Error(verdict.kind);
    const { authorized, budgetMs, timely, entry, claim, quotaTaken, deadline } = verdict.request;
    expect({ authorized, budgetMs, timely, held: entry !== undefined, claim, quotaTaken, deadline }).toEqual({
      authorized: true,
      budgetMs: 2_000,
      timely: true,
      held: true,
      claim: undefined,
      quotaTaken: true,
      deadline: NOW + 2_000,
    });
  });
  it('checks the envelope, then the registry, then the budget, then the stall, then replays, then limits', async () => {
    const stalled = { stalledMs: () => 10_000 };
    expect(await codeOf(deps({ view: { ready: false, hasGrant: () => false } }), { 'Ndxp-Version': 'v 1' })).toBe('client.malformed');
    expect(await codeOf(deps({ view: { ready: false, hasGrant: () => false } }), {}, false)).toBe('server.unavailable');
    expect(await codeOf(deps({ view: denied }), {}, false)).toBe('client.unknown_service');
    expect(await codeOf(deps({ view: denied, stall: stalled }))).toBe('client.access_denied');
    expect(await codeOf(deps({ stall: stalled }), { 'Ndxp-Timeout': '5' })).toBe('client.deadline_exceeded');
    expect(await codeOf(deps({ stall: stalled, limiter: limited }))).toBe('server.timeout');
    expect(await codeOf(deps({ limiter: limited }))).toBe('client.rate_limited');
  });
  it('answers a replay (here of a request still in flight) before the limits are asked', async () => {
    const d = deps();
    expect(await codeOf(d)).toBe('admitted');
    expect(await codeOf({ ...d, limiter: limited })).toBe('replayed');
  });
});
