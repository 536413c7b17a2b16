import { AdapterHarness, askAdapter, type StartedAdapter } from '@ndxp/adapter-sdk';
import { getEnterpriseService, MeshError } from '@ndxp/contracts';
import { createDataset, startSimulator, type Simulator } from '@ndxp/simulator-business-registration';
import { startNatsServer } from '@ndxp/testing';
import { businessRegistrationAdapter, defineBusinessRegistrationAdapter } from './adapter';
import { mapEnterprise } from './mapper';

const dataset = createDataset({ seed: 'adapter-int', size: 3000 });
// A valid-format code (Viettel's) that this small dataset does not hold.
const UNKNOWN = '0100109106';

describe('Business Registration adapter on NATS with the simulator', () => {
  let harness: AdapterHarness;
  let lastAdapter: StartedAdapter | undefined;
  const getEnterprise = (taxCode: string, deadlineMs?: number) =>
    askAdapter(harness.client, getEnterpriseService, { taxCode }, { consumer: 'TINH-79-LGSP', ...(deadlineMs ? { deadlineMs } : {}) });

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  async function run(
    opts: {
      latencyMs?: number;
      simulatorDown?: boolean;
      errorRate?: number;
      random?: () => number;
      env?: Record<string, string>;
      definition?: typeof businessRegistrationAdapter;
    } = {},
  ): Promise<Simulator> {
    const { latencyMs = 0, errorRate = 0, random } = opts;
    const started = await harness.startOver(
      opts.definition ?? businessRegistrationAdapter,
      () => startSimulator({ dataset, latencyMs, errorRate, ...(random ? { random } : {}) }),
      { down: opts.simulatorDown, env: { BR_UPSTREAM_TIMEOUT_MS: '2000', ...opts.env } },
    );
    lastAdapter = started.adapter;
    return started.upstream;
  }

  beforeAll(async () => (harness = await AdapterHarness.open(startNatsServer)));
  afterAll(() => harness?.close());

  it('answers a valid code with the mapped Enterprise', async () => {
    const sim = await run();
    const code = dataset.sampleTaxCodes(3)[1]!;
    const answer = await getEnterprise(code);
    expect(answer.status).toBe('ok');
    expect(answer.body).toEqual(mapEnterprise(dataset.get(code)));
    expect(answer.body?.nameVi).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it('answers a branch code with is_branch and the parent code', async () => {
    await run();
    const branch = dataset.sampleTaxCodes(dataset.count).find((c) => c.includes('-'))!;
    const answer = await getEnterprise(branch);
    expect(answer.body).toMatchObject({ taxCode: branch, isBranch: true, parentTaxCode: branch.slice(0, 10) });
  });

  it('answers client.not_found for a valid-format code the national system does not know', async () => {
    expect(dataset.get(UNKNOWN)).toBeUndefined();
    await run();
    expect((await getEnterprise(UNKNOWN)).status).toBe('client.not_found');
  });

  it('answers client.invalid_argument on tax_code for a bad check digit, without calling the simulator', async () => {
    const sim = await run();
    expect(await getEnterprise('0100109107')).toMatchObject({ status: 'client.invalid_argument', field: 'tax_code' });
    expect((await getEnterprise('0100109106-000')).status).toBe('client.invalid_argument');
    expect((await getEnterprise('')).status).toBe('client.invalid_argument');
    expect(sim.lookups).toBe(0);
  });

  it('answers server.upstream_failure when the simulator is down', async () => {
    await run({ simulatorDown: true });
    expect((await getEnterprise(dataset.sampleTaxCodes(1)[0]!)).status).toBe('server.upstream_failure');
  });

  it('answers server.timeout when the simulator is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const t0 = Date.now();
    expect((await getEnterprise(dataset.sampleTaxCodes(1)[0]!, 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });

  it('answers from the source its definition is given (an in-process dataset) the same as over HTTP', async () => {
    const codes = dataset.sampleTaxCodes(5);
    await run();
    const overHttp = await Promise.all(codes.map((c) => getEnterprise(c)));
    const inProcess = defineBusinessRegistrationAdapter(() => ({
      lookup: (taxCode) => {
        const record = dataset.get(taxCode);
        return record ? Promise.resolve(record) : Promise.reject(new MeshError('client.not_found'));
      },
    }));
    const sim = await run({ definition: inProcess });
    const inMemory = await Promise.all(codes.map((c) => getEnterprise(c)));
    expect(inMemory).toEqual(overHttp);
    expect((await getEnterprise(UNKNOWN)).status).toBe('client.not_found');
    expect(sim.lookups).toBe(0);
  });

  it('retries a 503 of the national system and answers ok', async () => {
    const rolls = [0, 1]; // the first lookup fails (roll < errorRate), the second succeeds
    const sim = await run({ errorRate: 0.5, random: () => rolls.shift() ?? 1 });
    expect((await getEnterprise(dataset.sampleTaxCodes(1)[0]!)).status).toBe('ok');
    expect(sim.lookups).toBe(2);
  });

  it('opens the circuit after BR_BREAKER_FAILURES failed lookups and then answers at once without calling', async () => {
    const sim = await run({
      errorRate: 1,
      env: { BR_UPSTREAM_RETRIES: '0', BR_BREAKER_FAILURES: '3', BR_BREAKER_RESET_MS: '60000' },
    });
    const code = dataset.sampleTaxCodes(1)[0]!;
    for (let i = 0; i < 3; i++) expect((await getEnterprise(code)).status).toBe('server.upstream_failure');
    expect(sim.lookups).toBe(3);
    expect(await getEnterprise(code)).toMatchObject({
      status: 'server.upstream_failure',
      message: expect.stringMatching(/circuit/) as string,
    });
    expect(sim.lookups).toBe(3);
  });

  it('serves /readyz 200 on the OPS_ADDR port of its settings', async () => {
    await run({ env: { OPS_ADDR: '127.0.0.1:0' } });
    const res = await fetch(`http://127.0.0.1:${lastAdapter!.opsPort!}/readyz`);
    expect(res.status).toBe(200);
  });
});
