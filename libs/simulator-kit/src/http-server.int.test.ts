import { sendJson, sendText, startSimulatorHttp, type SimulatorHttpOptions } from './http-server';

const base: Omit<SimulatorHttpOptions, 'handle'> = {
  health: () => ({ trangThai: 'ok' }),
  unavailable: (res) => sendJson(res, 503, { maLoi: 'BAN' }),
  internalError: (res) => sendJson(res, 500, { maLoi: 'LOI' }),
};

describe('startSimulatorHttp', () => {
  it('answers GET /healthz itself and hands every other request to the routes', async () => {
    const server = await startSimulatorHttp({
      ...base,
      handle: (req, res) => sendText(res, 200, `${req.method} ${req.url}`, 'text/plain'),
    });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ trangThai: 'ok' });
      expect(await (await fetch(`${server.url}/healthz`, { method: 'POST' })).text()).toBe('POST /healthz');
      const res = await fetch(`${server.url}/x?y=1`);
      expect(res.headers.get('content-length')).toBe('10');
      expect(await res.text()).toBe('GET /x?y=1');
    } finally {
      await server.close();
    }
  });

  it('answers the outage at the error rate, and the routes otherwise', async () => {
    const draws = [0.1, 0.9];
    const server = await startSimulatorHttp({
      ...base,
      errorRate: 0.5,
      random: () => draws.shift() ?? 0.9,
      handle: (req, res, simulate) => simulate(req, res, () => sendJson(res, 200, { ok: true })),
    });
    try {
      expect((await fetch(`${server.url}/a`)).status).toBe(503);
      expect((await fetch(`${server.url}/a`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('delays simulated answers by the latency and cancels them on close', async () => {
    let received = 0;
    let answered = 0;
    const server = await startSimulatorHttp({
      ...base,
      latencyMs: 150,
      handle: (req, res, simulate) => {
        received++;
        simulate(req, res, () => {
          answered++;
          sendJson(res, 200, { ok: true });
        });
      },
    });
    const t0 = Date.now();
    expect((await fetch(`${server.url}/a`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const hanging = fetch(`${server.url}/a`).then(
      () => 'answered',
      () => 'cut',
    );
    while (received < 2) await new Promise((r) => setImmediate(r));
    await server.close();
    expect(await hanging).toBe('cut');
    // Past the latency, the cancelled answer has still not run.
    await new Promise((r) => setTimeout(r, 250));
    expect(answered).toBe(1);
  });

  it('counts the requests handed to simulate as lookups, and answers the default outage and failure in JSON', async () => {
    const server = await startSimulatorHttp({
      errorRate: 1,
      handle: (req, res, simulate) => {
        if (req.url === '/boom') throw new Error('boom');
        if (req.url === '/a') return simulate(req, res, () => sendJson(res, 200, {}));
        sendJson(res, 404, {});
      },
    });
    try {
      expect((await fetch(`${server.url}/other`)).status).toBe(404);
      const busy = await fetch(`${server.url}/a`);
      expect([busy.status, await busy.json()]).toEqual([
        503,
        { maLoi: 'HE_THONG_BAN', thongBao: 'Hệ thống đang bận, vui lòng thử lại sau' },
      ]);
      const failed = await fetch(`${server.url}/boom`);
      expect([failed.status, await failed.json()]).toEqual([500, { maLoi: 'LOI_HE_THONG', thongBao: 'Lỗi hệ thống' }]);
      expect(server.lookups).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('answers internalError when a route throws or rejects, before anything was sent', async () => {
    const server = await startSimulatorHttp({
      ...base,
      handle: async (req, res, simulate) => {
        if (req.url === '/sync') throw new Error('boom');
        if (req.url === '/late') return simulate(req, res, () => Promise.reject(new Error('late boom')));
        await Promise.reject(new Error('async boom'));
      },
    });
    try {
      for (const path of ['/sync', '/async', '/late']) {
        const res = await fetch(`${server.url}${path}`);
        expect([path, res.status, await res.json()]).toEqual([path, 500, { maLoi: 'LOI' }]);
      }
    } finally {
      await server.close();
    }
  });
});
