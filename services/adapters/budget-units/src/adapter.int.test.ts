import type { NatsConnection } from '@nats-io/nats-core';
import { AdapterHarness, askAdapter } from '@ndxp/adapter-sdk';
import {
  BUDGET_UNIT_STATUS_TEXT,
  foldName,
  SearchBudgetUnitsRequest,
  UnitStatus,
  getBudgetUnitService,
  searchBudgetUnitsService,
  type NationalService,
} from '@ndxp/contracts';
import { createDataset, startSimulator, type Simulator } from '@ndxp/simulator-budget-units';
import { startNatsServer } from '@ndxp/testing';
import { budgetUnitsAdapter } from './adapter';
import { mapBudgetUnit } from './mapper';

const dataset = createDataset({ seed: 'adapter-int', size: 4000 });

/** The status, field and body of an answer (the message is not pinned here). */
async function ask<Req, Res>(nc: NatsConnection, service: NationalService<Req, Res>, request: Req, deadlineMs = 5000) {
  const { status, field, body } = await askAdapter(nc, service, request, { deadlineMs });
  return { status, field, body };
}
const getUnit = (nc: NatsConnection, code: string, deadlineMs?: number) => ask(nc, getBudgetUnitService, { code }, deadlineMs);
const search = (nc: NatsConnection, req: Partial<SearchBudgetUnitsRequest>) =>
  ask(nc, searchBudgetUnitsService, SearchBudgetUnitsRequest.fromPartial(req));

describe('budget-unit codes adapter on NATS with the simulator', () => {
  let harness: AdapterHarness;

  /** Starts the simulator and an adapter on its own connection; only one adapter runs at a time. */
  const run = async (opts: { latencyMs?: number; simulatorDown?: boolean } = {}): Promise<Simulator> =>
    (
      await harness.startOver(budgetUnitsAdapter, () => startSimulator({ dataset, latencyMs: opts.latencyMs ?? 0 }), {
        down: opts.simulatorDown,
      })
    ).upstream;

  beforeAll(async () => (harness = await AdapterHarness.open(startNatsServer)));
  afterAll(() => harness?.close());

  it('answers a known code with the mapped BudgetUnit after one upstream call', async () => {
    const sim = await run();
    const code = dataset.sampleCodes(5)[2]!;
    const answer = await getUnit(harness.client, code);
    expect(answer.status).toBe('ok');
    expect(answer.body).toEqual(mapBudgetUnit(dataset.get(code)));
    expect(answer.body?.name).not.toBe('');
    expect(sim.lookups).toBe(1);
  });

  it('answers client.not_found for a valid-format code the national system does not know', async () => {
    await run();
    const known = new Set(dataset.all().map((u) => u.maSo));
    const unknown = ['1999999', '1999998', '7999999'].find((c) => !known.has(c))!;
    expect(await getUnit(harness.client, unknown)).toEqual({ status: 'client.not_found', field: undefined, body: undefined });
  });

  it('answers client.invalid_argument on code for a malformed code, without calling the national system', async () => {
    const sim = await run();
    for (const bad of ['', '101234', '10123456', '101234A', ' 1012345', '2012345']) {
      expect([bad, await getUnit(harness.client, bad)]).toEqual([
        bad,
        { status: 'client.invalid_argument', field: 'code', body: undefined },
      ]);
    }
    expect(sim.lookups).toBe(0);
  });

  it('answers a merged unit with status MERGED and the absorbing unit, which keeps its code and stays active', async () => {
    await run();
    const merged = dataset.all().find((u) => u.trangThai === BUDGET_UNIT_STATUS_TEXT.merged)!;
    const answer = await getUnit(harness.client, merged.maSo);
    expect(answer.body).toMatchObject({
      code: merged.maSo,
      status: UnitStatus.UNIT_STATUS_MERGED,
      mergedIntoCode: merged.maSoDonViSapNhap,
    });
    const into = await getUnit(harness.client, merged.maSoDonViSapNhap!);
    expect(into.body).toMatchObject({ code: merged.maSoDonViSapNhap, status: UnitStatus.UNIT_STATUS_ACTIVE, mergedIntoCode: '' });
  });

  it('pages through every match of a case- and diacritic-insensitive query without duplicates or gaps', async () => {
    await run();
    const expected = dataset
      .all()
      .filter((u) => foldName(u.tenDonVi).includes('tram y te'))
      .map((u) => u.maSo);
    expect(expected.length).toBeGreaterThan(3 * 30);
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const answer = await search(harness.client, { nameContains: 'TRAM Y TE', pageSize: 30, pageToken });
      expect(answer.status).toBe('ok');
      expect(answer.body!.total).toBe(expected.length);
      seen.push(...answer.body!.units.map((u) => u.code));
      pageToken = answer.body!.nextPageToken;
      pages++;
    } while (pageToken !== '' && pages < 1000);
    expect(pages).toBe(Math.ceil(expected.length / 30));
    expect(seen).toEqual(expected);
  });

  it('filters by managing authority and gives 20 units for page size 0', async () => {
    await run();
    const all = await search(harness.client, {});
    expect(all.body?.units).toHaveLength(20);
    expect(all.body?.total).toBe(4000);
    const authority = all.body!.units[0]!.managingAuthority;
    const byAuthority = await search(harness.client, { managingAuthority: authority, pageSize: 100 });
    expect(byAuthority.body!.total).toBeGreaterThan(0);
    expect(byAuthority.body!.units.every((u) => u.managingAuthority === authority)).toBe(true);
  });

  it('answers client.invalid_argument on page_size and page_token without calling the national system', async () => {
    const sim = await run();
    for (const pageSize of [101, -1]) {
      expect(await search(harness.client, { pageSize })).toMatchObject({ status: 'client.invalid_argument', field: 'page_size' });
    }
    expect(sim.lookups).toBe(0);
    const first = await search(harness.client, { nameContains: 'trường', pageSize: 10 });
    const token = first.body!.nextPageToken;
    expect(token).not.toBe('');
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const [req, label] of [
      [{ nameContains: 'trường', pageSize: 10, pageToken: tampered }, 'tampered'],
      [{ nameContains: 'trường', pageSize: 10, pageToken: 'garbage!' }, 'garbage'],
      [{ nameContains: 'bệnh viện', pageSize: 10, pageToken: token }, 'another query'],
      [{ nameContains: 'trường', pageSize: 11, pageToken: token }, 'another page size'],
    ] as const) {
      expect([label, await search(harness.client, req)]).toEqual([
        label,
        { status: 'client.invalid_argument', field: 'page_token', body: undefined },
      ]);
    }
    expect(sim.lookups).toBe(1);
  });

  it('answers server.upstream_failure when the national system is down', async () => {
    await run({ simulatorDown: true });
    expect((await getUnit(harness.client, dataset.sampleCodes(1)[0]!)).status).toBe('server.upstream_failure');
    expect((await search(harness.client, { nameContains: 'x' })).status).toBe('server.upstream_failure');
  });

  it('answers server.timeout when the national system is slower than the deadline', async () => {
    await run({ latencyMs: 1500 });
    const t0 = Date.now();
    expect((await getUnit(harness.client, dataset.sampleCodes(1)[0]!, 300)).status).toBe('server.timeout');
    expect(Date.now() - t0).toBeLessThan(1200);
  });
});
