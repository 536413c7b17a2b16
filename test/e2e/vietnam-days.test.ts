// Days are Vietnam days end to end: on a seeded 2021, a call received at 06:30 in Hà Nội on
// 1 October (23:30 UTC on 30 September) and one at 06:30 on 1 January 2022 are ledgered through
// the meter stream like any call, and every reader puts them on the day Hà Nội lived them: `ndxp
// report` (monthly, daily) and the HTTP report API's CSV. Build first (pnpm build).
import { jetstream } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { MeterEvent, MeterEventBatch, Outcome, subjects } from '@ndxp/contracts';
import { startMesh, type Mesh } from '@ndxp/testing';
import { opsCli } from './ops-cli';

const OCT_0630 = Date.parse('2021-09-30T23:30:00Z');
const JAN_0630 = Date.parse('2021-12-31T23:30:00Z');

function call(requestId: string, receivedAtMs: number): MeterEvent {
  return MeterEvent.fromPartial({
    requestId,
    consumer: 'TINH-01-LGSP',
    provider: 'BO-BKHDT-DKDN',
    service: 'GetEnterprise',
    version: 'v1',
    outcome: Outcome.OUTCOME_OK,
    code: 'ok',
    officer: 'can-bo-01',
    purpose: 'HS-2021-0001',
    receivedAtMs,
    forwardedAtMs: receivedAtMs + 1,
    answeredAtMs: receivedAtMs + 40,
    respondedAtMs: receivedAtMs + 41,
    durationUs: 40_000,
    routingInstance: 'routing-e2e',
  });
}

type Monthly = { rows: { key: string; count: number }[] };

describe('Vietnam days end to end', () => {
  let mesh: Mesh;
  let ops: NatsConnection;
  beforeAll(async () => {
    mesh = await startMesh({ adapterUpstream: 'memory', systems: ['business-registration'], env: { METERING_HTTP_ADDR: '127.0.0.1:0' } });
    ops = await mesh.connect({ kind: 'ops' });
  }, 120_000);
  afterAll(async () => {
    await ops?.close();
    await mesh?.stop();
  });

  const monthly = async (from: string, to: string): Promise<Record<string, number>> => {
    const r = await opsCli(mesh, ['report', 'monthly', '--from', from, '--to', to, '--format', 'json']);
    expect(r.code).toBe(0);
    return Object.fromEntries((JSON.parse(r.stdout) as Monthly).rows.map((x) => [x.key, x.count]));
  };

  it('counts a call at 06:30 in Hà Nội on 1 October in October, and one on 1 January in 2022, in the CLI and the CSV', async () => {
    const seeded = await opsCli(mesh, ['seed-history', '--from', '2021-09-01', '--to', '2021-12-31', '--total', '4000', '--seed', 'vn']);
    expect(seeded.code).toBe(0);
    const before = await monthly('2021-09-01', '2022-01-31');
    expect(before['2022-01'] ?? 0).toBe(0);

    const h = headers();
    h.set('Nats-Msg-Id', 'seed-vn-0630');
    const batch = MeterEventBatch.encode({ events: [call('vn-oct-0630', OCT_0630), call('vn-jan-0630', JAN_0630)] }).finish();
    await jetstream(ops).publish(subjects.meterSeed('vn-0630'), batch, { headers: h });
    const deadline = Date.now() + 30_000;
    let after = before;
    while (Date.now() < deadline) {
      after = await monthly('2021-09-01', '2022-01-31');
      if ((after['2022-01'] ?? 0) === 1 && after['2021-10'] === before['2021-10']! + 1) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(after['2021-09']).toBe(before['2021-09']);
    expect(after['2021-10']).toBe(before['2021-10']! + 1);
    expect(after['2021-12']).toBe(before['2021-12']);
    expect(after['2022-01']).toBe(1);

    // The day itself: 1 October holds it (the seeded October 1st plus this call), 30 September not.
    const days = await opsCli(mesh, ['report', 'daily', '--from', '2021-09-30', '--to', '2021-10-01', '--format', 'json']);
    const byDay = Object.fromEntries((JSON.parse(days.stdout) as Monthly).rows.map((x) => [x.key, x.count]));
    const jan = await opsCli(mesh, ['report', 'daily', '--from', '2021-12-31', '--to', '2022-01-01', '--format', 'json']);
    expect(Object.fromEntries((JSON.parse(jan.stdout) as Monthly).rows.map((x) => [x.key, x.count]))['2022-01-01']).toBe(1);
    expect(byDay['2021-10-01']).toBeGreaterThan(0);

    const token = await mesh.accessToken('e2e-giam-sat', ['oversight']);
    const url = `http://127.0.0.1:${String(mesh.meteringHttpPort)}/api/report?from=2021-09-01&to=2022-01-31&group=month&format=csv`;
    const csv = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text()).replace(/^\uFEFF/, '');
    const rows: Record<string, number> = Object.fromEntries(
      csv
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(','))
        .map(([key, count]): [string, number] => [key ?? '', Number(count)]),
    );
    expect(rows['2021-10']).toBe(after['2021-10']);
    expect(rows['2022-01']).toBe(1);
  }, 180_000);
});
