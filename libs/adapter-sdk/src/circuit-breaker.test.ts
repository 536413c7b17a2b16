import { CircuitBreaker, type BreakerState } from './circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const changes: string[] = [];
  const make = (): CircuitBreaker =>
    new CircuitBreaker({
      failureThreshold: 3,
      resetMs: 1000,
      now: () => now,
      onStateChange: (to: BreakerState, from: BreakerState) => changes.push(`${from}->${to}`),
    });
  beforeEach(() => {
    now = 0;
    changes.length = 0;
  });

  it('opens only after the threshold of consecutive failures; a success resets the count', () => {
    const b = make();
    b.onFailure();
    b.onFailure();
    b.onSuccess();
    b.onFailure();
    b.onFailure();
    expect(b.state).toBe('closed');
    b.onFailure();
    expect(b.state).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    expect(b.retryInMs()).toBe(1000);
    expect(changes).toEqual(['closed->open']);
  });

  it('admits one trial after resetMs and closes on its success', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.onFailure();
    now = 999;
    expect(b.tryAcquire()).toBe(false);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
    expect(changes).toEqual(['closed->open', 'half-open->closed']);
  });

  it('opens again for resetMs when the trial fails, and frees the trial slot when it is abandoned', () => {
    const b = make();
    for (let i = 0; i < 3; i++) b.onFailure();
    now = 1000;
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.state).toBe('open');
    now = 1999;
    expect(b.tryAcquire()).toBe(false);
    now = 2000;
    expect(b.tryAcquire()).toBe(true);
    b.onAbandoned();
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
  });
});
