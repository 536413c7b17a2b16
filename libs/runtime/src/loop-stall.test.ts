import { LoopStall, STALL_TICK_MS } from './loop-stall';

/** Blocks the event loop, as a frozen process or a long synchronous turn does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('LoopStall', () => {
  let stall: LoopStall;
  beforeEach(() => {
    stall = new LoopStall().start();
  });
  afterEach(() => stall.stop());

  it('reports nothing while the loop keeps turning', async () => {
    await sleep(3 * STALL_TICK_MS);
    expect(stall.stalledMs()).toBe(0);
  });

  it('charges a message read right after a 600 ms block the whole block, before the overdue tick has run', async () => {
    await sleep(STALL_TICK_MS / 2);
    block(600);
    expect(stall.stalledMs()).toBeGreaterThanOrEqual(400);
    expect(stall.stalledMs()).toBeLessThanOrEqual(700);
  });

  it('still charges it within one tick after the late tick ran, and no longer after that', async () => {
    block(600);
    // Let the overdue tick run first (as when the timers phase comes before the socket read).
    await new Promise((r) => setImmediate(r));
    await sleep(0);
    expect(stall.stalledMs()).toBeGreaterThanOrEqual(400);
    await sleep(3 * STALL_TICK_MS);
    expect(stall.stalledMs()).toBe(0);
  });

  it('reports nothing once stopped', () => {
    stall.stop();
    block(400);
    expect(stall.stalledMs()).toBe(0);
  });
});
