// A short broker outage costs what it lasts (issue 14, row 2): the nats-server is killed and started
// again on the same port and store (NatsServerHandle.restart) while an LGSP client sends steady
// traffic with 5 s deadlines to a stand-in for routing on the same broker. The stand-in connects as
// every service does (connectNats of @ndxp/runtime) and keeps a ledger by request id: the first
// answer of an id is its row, a repeat of the id (the client's retry after a lost answer) is counted
// and answered from the row, as routing's replay memory does. No call may fail, every call gets one
// answer, and the ledger holds exactly the ids the clients saw answered (lost = duplicated = 0).
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { Enterprise, GetEnterpriseRequest, Header, subjects } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';
import { connectNats, createLogger, loadCommonConfig } from '@ndxp/runtime';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';

const RATE_PER_S = Number(process.env['BROKER_RESTART_RATE'] ?? 50);
const RUN_MS = Number(process.env['BROKER_RESTART_RUN_MS'] ?? 4000);
const RESTART_AT_MS = 1500;
const DEADLINE_MS = 5000;
/** Time between the kill and the new start; the server then takes about 80 ms to answer again. */
const DOWN_MS = Number(process.env['BROKER_RESTART_DOWN_MS'] ?? 220);

interface Outcome {
  requestId: string;
  code: string;
  ms: number;
  attempts: number;
  sentAt: number;
}

describe('a nats-server restart under steady load', () => {
  let server: NatsServerHandle;
  let responder: NatsConnection;
  let client: MeshClient;
  /** The stand-in's ledger: request id -> how many times the id reached it. */
  const ledger = new Map<string, number>();

  beforeAll(async () => {
    server = await startNatsServer({ private: true });
    const logger = createLogger({ service: 'stand-in', level: 'silent' });
    responder = await connectNats(loadCommonConfig({ NATS_URL: server.url, OPS_ADDR: 'off' }, 'stand-in'), 'stand-in', logger);
    responder.subscribe('ndxp.req.>', {
      queue: 'routing',
      callback: (_e, m) => {
        const id = m.headers?.get(Header.RequestId) ?? '';
        ledger.set(id, (ledger.get(id) ?? 0) + 1);
        const req = GetEnterpriseRequest.decode(m.data);
        const h = headers();
        h.set(Header.Status, 'ok');
        h.set(Header.Receipt, 'ab'.repeat(32));
        m.respond(Enterprise.encode(Enterprise.fromPartial({ taxCode: req.taxCode, nameVi: 'Công ty Thử' })).finish(), { headers: h });
      },
    });
    await responder.flush();
    client = await createClient({ consumer: 'TINH-01-LGSP', servers: server.url, timeoutMs: DEADLINE_MS });
  }, 30_000);

  afterAll(async () => {
    await client?.close();
    await responder?.close();
    await server?.stop();
  });

  it('fails no request with a 5 s deadline and answers each exactly once', async () => {
    const subject = subjects.request('TINH-01-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise');
    expect(subject).toMatch(/^ndxp\.req\./);
    const calls: Array<Promise<Outcome>> = [];
    const start = Date.now();
    let restartMs = 0;
    const restarted = (async () => {
      await new Promise((r) => setTimeout(r, RESTART_AT_MS));
      const t0 = Date.now();
      await server.restart({ downMs: DOWN_MS });
      restartMs = Date.now() - t0;
    })();
    let n = 0;
    while (Date.now() - start < RUN_MS) {
      const requestId = `restart-${++n}`;
      const sentAt = Date.now();
      calls.push(
        client.call((await import('@ndxp/contracts')).getEnterpriseService, { taxCode: '0100109106' }, { requestId }).then(
          (r) => ({ requestId, code: 'ok', ms: Date.now() - sentAt, attempts: r.attempts, sentAt }),
          (e: unknown) => ({ requestId, code: (e as { code?: string }).code ?? String(e), ms: Date.now() - sentAt, attempts: 0, sentAt }),
        ),
      );
      const next = start + (n * 1000) / RATE_PER_S;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    await restarted;
    const outcomes = await Promise.all(calls);
    const failed = outcomes.filter((o) => o.code !== 'ok');
    const answered = new Set(outcomes.filter((o) => o.code === 'ok').map((o) => o.requestId));
    const lost = outcomes.filter((o) => o.code === 'ok' && !ledger.has(o.requestId)).length + failed.length;
    const unexpected = [...ledger.keys()].filter((id) => !answered.has(id)).length;
    const repeats = [...ledger.values()].reduce((a, c) => a + c - 1, 0);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    const retried = outcomes.filter((o) => o.attempts > 1).length;
    console.log(
      `broker restart: ${restartMs} ms outage, ${outcomes.length} calls at ${RATE_PER_S}/s, ${failed.length} failed ` +
        `(${[...new Set(failed.map((f) => f.code))].join(', ')}), slowest ${slowest} ms, ${retried} retried, ` +
        `ids repeated at the stand-in ${repeats}, ledger rows ${ledger.size}, lost ${lost}, unexpected ${unexpected}`,
    );
    expect(restartMs).toBeLessThan(1000);
    expect(failed.length).toBe(0);
    expect(ledger.size).toBe(outcomes.length);
    expect(lost).toBe(0);
    expect(unexpected).toBe(0);
    // A call waits about as long as the outage, not its whole deadline.
    expect(slowest).toBeLessThan(restartMs + 2000);
  }, 45_000);
});
