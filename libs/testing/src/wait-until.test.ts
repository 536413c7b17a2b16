import { waitForValue, waitUntil } from './wait-until';

describe('waitUntil', () => {
  it('resolves as soon as a condition holds, sync or async, a throw counting as not yet', async () => {
    let n = 0;
    await waitUntil(() => ++n >= 3, { intervalMs: 1 });
    expect(n).toBe(3);
    let m = 0;
    await waitUntil(
      async () => {
        if (++m < 2) throw new Error('not yet');
        return true;
      },
      { intervalMs: 1 },
    );
    expect(m).toBe(2);
  });

  it('rejects after the timeout, naming what it waited for', async () => {
    await expect(waitUntil(() => false, { timeoutMs: 30, intervalMs: 5, what: 'the ledger' })).rejects.toThrow(
      'the ledger not met within 30 ms',
    );
  });
});

describe('waitForValue', () => {
  it('resolves with the first value the check accepts, a throwing probe counting as not yet', async () => {
    let n = 0;
    const value = await waitForValue(
      () => {
        if (++n === 1) throw new Error('not up yet');
        return n;
      },
      (v) => v >= 4,
      { intervalMs: 1 },
    );
    expect(value).toBe(4);
  });

  it('rejects after the timeout with the last value seen', async () => {
    await expect(
      waitForValue(
        () => ({ rows: 2 }),
        (v) => v.rows === 3,
        { timeoutMs: 30, intervalMs: 5, what: 'the rollup' },
      ),
    ).rejects.toThrow('the rollup not as expected within 30 ms; last seen: {"rows":2}');
  });
});
