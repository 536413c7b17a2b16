import { sendJson, startSimulatorHttp, type SimulatorHttpServer, type SimulatorServerOptions } from './http-server';
import { withSimulator, type TestHooks } from './simulator-harness';

/** Hooks a case runs by hand, to see what the harness does before and after a file's cases. */
function manualHooks(): TestHooks & { before: () => Promise<void>; after: () => Promise<void> } {
  const registered: { before?: () => Promise<void>; after?: () => Promise<void> } = {};
  return {
    beforeAll: (fn) => void (registered.before = fn),
    afterAll: (fn) => void (registered.after = fn),
    before: () => registered.before!(),
    after: () => registered.after!(),
  };
}

const echo = (options?: SimulatorServerOptions): Promise<SimulatorHttpServer> =>
  startSimulatorHttp({
    ...options,
    handle: (req, res, simulate) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        simulate(req, res, () => sendJson(res, 200, { method: req.method, url: req.url, body: Buffer.concat(chunks).toString() })),
      );
    },
  });

describe('withSimulator', () => {
  it('starts the simulator in beforeAll and answers requests by path on its url', async () => {
    const hooks = manualHooks();
    const sim = withSimulator(echo, hooks);
    expect(() => sim.url).toThrow(TypeError);
    await hooks.before();
    try {
      expect(sim.url).toBe(sim.server.url);
      expect(await sim.getJson('/a?b=1')).toEqual({ status: 200, body: { method: 'GET', url: '/a?b=1', body: '' } });
      expect(await sim.postJson('/p', { x: 1 })).toEqual({ status: 200, body: { method: 'POST', url: '/p', body: '{"x":1}' } });
      expect((await sim.fetch('/f', { method: 'PUT' })).status).toBe(200);
      expect(sim.server.lookups).toBe(3);
    } finally {
      await hooks.after();
    }
  });

  it('starts more simulators with other options and closes them all in afterAll', async () => {
    const hooks = manualHooks();
    const sim = withSimulator(echo, hooks);
    await hooks.before();
    const failing = await sim.start({ errorRate: 1 });
    expect(failing.url).not.toBe(sim.url);
    expect((await failing.getJson('/x')).status).toBe(503);
    await hooks.after();
    await expect(fetch(`${sim.url}/x`)).rejects.toThrow();
    await expect(fetch(`${failing.url}/x`)).rejects.toThrow();
  });
});
