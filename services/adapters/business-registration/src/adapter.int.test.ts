import { connect } from '@nats-io/transport-node';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import type { RunningAdapter } from '@ndxp/adapter-sdk';
import { Enterprise, GetEnterpriseRequest, Header, getEnterpriseService, subjects } from '@ndxp/contracts';
import { createLogger } from '@ndxp/runtime';
import { createDataset, startSimulator, type Simulator } from '@ndxp/simulator-business-registration';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { loadConfig } from './config';
import { httpSource, memorySource } from './enterprise-source';
import { startBusinessRegistrationAdapter } from './index';
import { mapEnterprise } from './mapper';

const SUBJECT = subjects.service(getEnterpriseService.provider, getEnterpriseService.service);
const logger = createLogger({ service: 'br-adapter-test', level: 'silent' });
const dataset = createDataset({ seed: 'adapter-int', size: 3000 });
const config = loadConfig({});

// A valid-format code (Viettel's) that this small dataset does not hold.
const UNKNOWN = '0100109106';

interface Answer {
  status: string | undefined;
  field: string | undefined;
  message: string | undefined;
  enterprise: Enterprise | undefined;
}

async function getEnterprise(nc: NatsConnection, taxCode: string, deadlineMs = 5000): Promise<Answer> {
  const h = headers();
  h.set(Header.RequestId, `t-${taxCode}-${Date.now()}`);
  h.set(Header.Consumer, 'TINH-79-LGSP');
  h.set(Header.Deadline, String(Date.now() + deadlineMs));
  const msg = await nc.request(SUBJECT, GetEnterpriseRequest.encode({ taxCode }).finish(), { headers: h, timeout: 5000 });
  const status = msg.headers?.get(Header.Status);
  return {
    status,
    field: msg.headers?.get(Header.ErrorField) || undefined,
    message: msg.headers?.get(Header.ErrorMessage) || undefined,
    enterprise: status === 'ok' ? Enterprise.decode(msg.data) : undefined,
  };
}

describe('Business Registration adapter on NATS with the simulator', () => {
  let server: NatsServerHandle;
  let client: NatsConnection;
  const cleanups: Array<() => Promise<unknown>> = [];
  let lastAdapter: RunningAdapter | undefined;

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  async function run(
    opts: {
      latencyMs?: number;
      simulatorDown?: boolean;
      memory?: boolean;
      errorRate?: number;
      random?: () => number;
      env?: Record<string, string>;
    } = {},
  ) {
    while (cleanups.length) await cleanups.pop()!();
    const sim: Simulator = await startSimulator({
      dataset,
      latencyMs: opts.latencyMs ?? 0,
      errorRate: opts.errorRate ?? 0,
      ...(opts.random ? { random: opts.random } : {}),
    });
    cleanups.push(() => sim.close().catch(() => undefined));
    if (opts.simulatorDown) await sim.close();
    const nc = await connect({ servers: server.url });
    cleanups.push(() => nc.close());
    const cfg = opts.env ? loadConfig({ ...opts.env, BR_UPSTREAM_URL: sim.url }) : config;
    const source = opts.memory ? memorySource(dataset) : opts.env ? undefined : httpSource({ baseUrl: sim.url, timeoutMs: 2000 });
    const adapter: RunningAdapter = await startBusinessRegistrationAdapter({
      config: cfg,
      nc,
      logger,
      ...(source ? { source } : {}),
    });
    lastAdapter = adapter;
    cleanups.push(() => adapter.stop());
    return sim;
  }

  beforeAll(async () => {
    server = await startNatsServer();
    client = await connect({ servers: server.url });
  });
  afterAll(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await client?.close();
    await server?.stop();
  });

  it('answers a valid code with the mapped Enterprise', async () => {
    const sim = await run();
    const code = dataset.sampleTaxCodes(3)[1]!;
    const answer = await getEnterprise(client, code);
    expect(answer.status).toBe('ok');
    expect(answer.enterprise).toEqual(mapEnterprise(dataset.get(code)));
    expect(answer.enterprise?.nameVi).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it('answers a branch code with is_branch and the parent code', async () => {
    await run();
    const branch = dataset.sampleTaxCodes(dataset.count).find((c) => c.includes('-'))!;
    const answer = await getEnterprise(client, branch);
    expect(answer.enterprise).toMatchObject({ taxCode: branch, isBranch: true, parentTaxCode: branch.slice(0, 10) });
  });

  it('answers client.not_found for a valid-format code the national system does not know', async () => {
    expect(dataset.get(UNKNOWN)).toBeUndefined();
    await run();
    expect((await getEnterprise(client, UNKNOWN)).status).toBe('client.not_found');
  });

  it('answers client.invalid_argument on tax_code for a bad check digit, without calling the simulator', async () => {
    const sim = await run();
    const answer = await getEnterprise(client, '0100109107');
    expect(answer).toMatchObject({ status: 'client.invalid_argument', field: 'tax_code' });
    expect((await getEnterprise(client, '0100109106-000')).status).toBe('client.invalid_argument');
    expect((await getEnterprise(client, '')).status).toBe('client.invalid_argument');
    expect(sim.lookups).toBe(0);
  });

  it('answers server.upstream_failure when the simulator is down', async () => {
    await run({ simulatorDown: true });
    expect((await getEnterprise(client, dataset.sampleTaxCodes(1)[0]!)).status).toBe('server.upstream_failure');
  });

  it('answers server.timeout when the simulator is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const t0 = Date.now();
    expect((await getEnterprise(client, dataset.sampleTaxCodes(1)[0]!, 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });

  it('answers the same Enterprise from the memory upstream as over HTTP', async () => {
    const codes = dataset.sampleTaxCodes(5);
    await run();
    const overHttp = await Promise.all(codes.map((c) => getEnterprise(client, c)));
    await run({ memory: true });
    const inMemory = await Promise.all(codes.map((c) => getEnterprise(client, c)));
    expect(inMemory).toEqual(overHttp);
    expect((await getEnterprise(client, UNKNOWN)).status).toBe('client.not_found');
  });

  it('retries a 503 of the national system and answers ok', async () => {
    const rolls = [0, 1]; // the first lookup fails (roll < errorRate), the second succeeds
    const sim = await run({ errorRate: 0.5, random: () => rolls.shift() ?? 1 });
    const code = dataset.sampleTaxCodes(1)[0]!;
    expect((await getEnterprise(client, code)).status).toBe('ok');
    expect(sim.lookups).toBe(2);
  });

  it('opens the circuit after BR_BREAKER_FAILURES failed lookups and then answers at once without calling', async () => {
    const sim = await run({
      errorRate: 1,
      env: { BR_UPSTREAM_RETRIES: '0', BR_BREAKER_FAILURES: '3', BR_BREAKER_RESET_MS: '60000' },
    });
    const code = dataset.sampleTaxCodes(1)[0]!;
    for (let i = 0; i < 3; i++) expect((await getEnterprise(client, code)).status).toBe('server.upstream_failure');
    expect(sim.lookups).toBe(3);
    const answer = await getEnterprise(client, code);
    expect(answer).toMatchObject({ status: 'server.upstream_failure', message: expect.stringMatching(/circuit/) as string });
    expect(sim.lookups).toBe(3);
  });

  it('serves /readyz 200 on the HEALTH_ADDR port of its config', async () => {
    await run({ env: { HEALTH_ADDR: '127.0.0.1:0' } });
    const res = await fetch(`http://127.0.0.1:${lastAdapter!.healthPort!}/readyz`);
    expect(res.status).toBe(200);
  });
});
