import { MeshError } from '@ndxp/contracts';
import { atOnce, passed, refusalOf, timelyRequest } from './admission.fixture';
import { ConsumerLimiter, QUOTA_TAKEN, type Admission } from './consumer-limiter';
import { checkLimits } from './limits-check';
import type { ClaimedRequest } from './shared-replay-check';

const claimed = (): ClaimedRequest => ({ ...timelyRequest(), receipt: 'r', fingerprint: 'f', entry: undefined, claim: undefined });
const limiterAnswering = (a: Admission | Promise<Admission>) => ({ admit: () => a });

describe('checkLimits', () => {
  it('admits at once a request within its limits, with or without one of the shared quota taken', () => {
    const stats = { rateLimited: 0 };
    expect(passed(atOnce(checkLimits(limiterAnswering(undefined), stats)(claimed()))).quotaTaken).toBe(false);
    expect(passed(atOnce(checkLimits(limiterAnswering(QUOTA_TAKEN), stats)(claimed()))).quotaTaken).toBe(true);
    expect(stats.rateLimited).toBe(0);
  });
  it('waits when a quota block must be leased', async () => {
    const out = checkLimits(limiterAnswering(Promise.resolve(QUOTA_TAKEN)), { rateLimited: 0 })(claimed());
    expect(out).toBeInstanceOf(Promise);
    expect(passed(await out).quotaTaken).toBe(true);
  });
  it("refuses with the limiter's error and counts it as rateLimited, a quota store unreachable included", async () => {
    const stats = { rateLimited: 0 };
    const unavailable = new MeshError('server.unavailable', 'store unreachable');
    expect(refusalOf(await checkLimits(limiterAnswering(Promise.resolve(unavailable)), stats)(claimed()))).toEqual({
      code: 'server.unavailable',
      field: undefined,
    });
    expect(stats.rateLimited).toBe(1);
  });
  it("refuses client.rate_limited above the consumer's rate", () => {
    const request = claimed();
    const limiter = new ConsumerLimiter({
      limitsOf: () => ({ consumer: request.route.consumer, ratePerSecond: 1, burst: 1, dailyQuota: 0 }),
    });
    const stats = { rateLimited: 0 };
    const step = checkLimits(limiter, stats);
    expect(refusalOf(atOnce(step(request)))).toBe('passed');
    expect(refusalOf(atOnce(step(request)))).toEqual({ code: 'client.rate_limited', field: undefined });
    expect(stats.rateLimited).toBe(1);
  });
});
