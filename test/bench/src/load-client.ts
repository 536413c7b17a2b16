// The load generator, in its own process: keeps exactly C requests in flight (closed loop) for a
// warm-up and then a measured window, recording latencies of ok answers and counting errors by kind.
// NATS systems through nats.js or Moleculer here, HTTP/JSON systems through http-transport.ts.
import { performance } from 'node:perf_hooks';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Enterprise, GetEnterpriseRequest, Header, STATUS_OK, subjects } from '@ndxp/contracts';
import type { ServiceBroker } from 'moleculer';
import { httpTransport } from './http-transport';
import { LatencyHistogram } from './latency-histogram';
import { errorKind, unanswered, type Call, type Transport } from './load-transport';
import { createPeerBroker, GATEWAY_ACTION, type PeerParams, type PeerResult } from './peer-broker';
import { BENCH_CONSUMER, BENCH_SUBJECT, freshRequestMeta, requestHeaders } from './request-shape';
import { runWorker, sendToRunner, type LoadPlan, type LoadTotals, type WorkerConfig } from './worker-protocol';

async function natsTransport(config: WorkerConfig, plan: LoadPlan): Promise<Transport> {
  const nc: NatsConnection = await connect({
    servers: config.natsUrl,
    name: 'bench-load-client',
    inboxPrefix: subjects.inboxPrefix(BENCH_CONSUMER),
  });
  const payloads = plan.taxCodes.map((taxCode) => GetEnterpriseRequest.encode({ taxCode }).finish());
  const call: Call = async (i) => {
    const k = i % payloads.length;
    try {
      const answer = await nc.request(BENCH_SUBJECT, payloads[k], {
        timeout: plan.timeoutMs,
        headers: requestHeaders(freshRequestMeta(plan.timeoutMs)),
      });
      const status = answer.headers?.get(Header.Status) ?? '';
      if (status !== STATUS_OK) return status === '' ? 'no-status' : status;
      return Enterprise.decode(answer.data).taxCode === plan.taxCodes[k] ? undefined : 'wrong-answer';
    } catch (e) {
      return `transport:${errorKind(e)}`;
    }
  };
  return { call, close: () => nc.drain() };
}

async function peerTransport(config: WorkerConfig, plan: LoadPlan): Promise<Transport> {
  const broker: ServiceBroker = createPeerBroker(`load-client-${process.pid}`, config.natsUrl);
  await broker.start();
  await broker.waitForServices(['gateway'], 20_000);
  const params: PeerParams[] = plan.taxCodes.map((taxCode) => ({
    request: Buffer.from(GetEnterpriseRequest.encode({ taxCode }).finish()).toString('base64'),
  }));
  const call: Call = async (i) => {
    const k = i % params.length;
    try {
      const result = await broker.call<PeerResult, PeerParams>(GATEWAY_ACTION, params[k]!, {
        meta: freshRequestMeta(plan.timeoutMs),
        timeout: plan.timeoutMs,
      });
      if (result.status !== STATUS_OK) return result.status || 'no-status';
      const enterprise = Enterprise.decode(Buffer.from(result.enterprise, 'base64'));
      return enterprise.taxCode === plan.taxCodes[k] ? undefined : 'wrong-answer';
    } catch (e) {
      return `peer:${errorKind(e)}`;
    }
  };
  return { call, close: () => broker.stop() };
}

/**
 * Runs the closed loop: warm-up, then the measured window, reporting both edges to the runner; then
 * lets the requests in flight complete and reports the totals of the whole round (the ledger check).
 */
async function drive(transport: Transport, plan: LoadPlan): Promise<void> {
  const hist = new LatencyHistogram();
  const totals: LoadTotals = { ok: 0, refused: 0, failed: 0 };
  const errorsByKind: Record<string, number> = {};
  let measuring = false;
  let running = true;
  let ok = 0;
  let errors = 0;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (running) {
      const i = next++;
      const t0 = performance.now();
      const kind = await transport.call(i);
      if (kind === undefined) totals.ok++;
      else if (unanswered(kind)) totals.failed++;
      else totals.refused++;
      if (!measuring) continue;
      if (kind === undefined) {
        ok++;
        hist.record(performance.now() - t0);
      } else {
        errors++;
        errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
      }
    }
  };
  const loops = Array.from({ length: plan.concurrency }, () => loop());
  await new Promise((r) => setTimeout(r, plan.warmupMs));
  measuring = true;
  const start = performance.now();
  sendToRunner({ type: 'measuring' });
  await new Promise((r) => setTimeout(r, plan.durationMs));
  measuring = false;
  const elapsedMs = performance.now() - start;
  sendToRunner({
    type: 'measured',
    report: { elapsedMs, ok, errors, errorsByKind, latency: hist.toData() },
  });
  running = false;
  await Promise.all(loops);
  sendToRunner({ type: 'done', totals });
}

function connectTransport(config: WorkerConfig, plan: LoadPlan): Promise<Transport> {
  if (plan.http) return httpTransport(plan.http, plan);
  return plan.system === 'peer' ? peerTransport(config, plan) : natsTransport(config, plan);
}

if (require.main === module) {
  runWorker('load-client', async (config, onMessage) => {
    let transport: Transport | undefined;
    onMessage((msg) => {
      if (msg.type !== 'run') return;
      const plan = msg.plan;
      connectTransport(config, plan)
        .then(async (t) => {
          transport = t;
          await drive(t, plan);
        })
        .catch((e: unknown) =>
          sendToRunner({
            type: 'failed',
            message: `load-client: ${String(e)}`,
          }),
        );
    });
    return async () => {
      await transport?.close();
    };
  });
}
