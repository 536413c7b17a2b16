// Demo traffic: six provinces and six ministries using the national systems the deadline rule
// gives them, with some bad input, and one LGSP that holds no grant. Each LGSP connects on its own
// connection with its own credentials, as it would in production.
import { EventType, MeshError, OrderKind } from '@ndxp/contracts';
import { createClient, type ClientOptions, type MeshClient } from '@ndxp/lgsp-client';

/** LGSPs the demo speaks for: six provinces, six ministries, and one that holds no grant. */
export const DEMO_CONSUMERS = [
  'TINH-01-LGSP',
  'TINH-31-LGSP',
  'TINH-48-LGSP',
  'TINH-79-LGSP',
  'TINH-92-LGSP',
  'TINH-22-LGSP',
  'BO-BTP-LGSP',
  'BO-BTC-LGSP',
  'BO-BCA-LGSP',
  'BO-BYT-LGSP',
  'BO-BGDDT-LGSP',
  'BO-VPCP-LGSP',
  'TINH-99-LGSP',
] as const;

/** Known identifiers of each national system's data, to ask for. */
export interface DemoData {
  taxCodes: string[];
  personalIds: string[];
  budgetCodes: string[];
}

export interface TrafficResult {
  sent: number;
  byCode: Map<string, number>;
  elapsedMs: number;
}

/** Sends `total` requests with `concurrency` in flight; reports progress about every 250 ms. */
export async function sendDemoTraffic(options: {
  /** How the LGSP `consumer` connects: servers, its creds file, TLS. */
  connection: (consumer: string) => Promise<Omit<ClientOptions, 'consumer'>>;
  total: number;
  concurrency: number;
  data: DemoData;
  /** National systems running in this mesh (provider tokens); requests to others are not sent. */
  providers: ReadonlySet<string>;
  onProgress: (done: number, total: number, byCode: Map<string, number>) => void;
}): Promise<TrafficResult> {
  const clients: MeshClient[] = await Promise.all(
    DEMO_CONSUMERS.map(async (consumer) =>
      createClient({ ...(await options.connection(consumer)), consumer, officer: 'demo-officer', purpose: 'DEMO-2021' }),
    ),
  );
  const byCode = new Map<string, number>();
  const started = Date.now();
  let next = 0;
  let done = 0;
  let lastReport = 0;
  const one = async (i: number): Promise<void> => {
    const client = clients[i % clients.length]!;
    let code = 'ok';
    try {
      await demoRequest(client, i, options.data, options.providers);
    } catch (err) {
      code = MeshError.from(err).code;
    }
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
    done++;
    if (Date.now() - lastReport > 250 || done === options.total) {
      lastReport = Date.now();
      options.onProgress(done, options.total, byCode);
    }
  };
  const worker = async (): Promise<void> => {
    while (next < options.total) await one(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.total) }, worker));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return { sent: done, byCode, elapsedMs: Date.now() - started };
}

/**
 * Request i of the demo: the systems in turn (provinces all four, ministries mostly their two, now
 * and then one they may not use); every 20th identifier is bad, every 25th valid but unknown.
 */
function demoRequest(client: MeshClient, i: number, data: DemoData, providers: ReadonlySet<string>): Promise<unknown> {
  const ministry = client.consumer.startsWith('BO-');
  const round = Math.floor(i / DEMO_CONSUMERS.length);
  const systems = ['BO-BKHDT-DKDN', 'DN-VNPOST-BCCI', 'BO-BTP-HOTICH', 'BO-BTC-MSNS'].filter((p) => providers.has(p));
  // Ministries stay on their two systems except every 10th round, which shows the refusal.
  const pool = ministry && round % 10 !== 3 ? systems.filter((p) => p === 'BO-BKHDT-DKDN' || p === 'DN-VNPOST-BCCI') : systems;
  const provider = pool[round % pool.length] ?? 'BO-BKHDT-DKDN';
  const bad = i % 20 === 7;
  const unknown = i % 25 === 11;
  const pick = <T>(list: T[]): T => list[i % list.length]!;
  switch (provider) {
    case 'BO-BTP-HOTICH': {
      const personalId = bad ? '999' + pick(data.personalIds).slice(3) : unknown ? '001099999999' : pick(data.personalIds);
      return client.civilStatus.getCivilStatusRecord({
        eventType: EventType.EVENT_TYPE_BIRTH,
        key: { $case: 'personalId', value: personalId },
      });
    }
    case 'BO-BTC-MSNS':
      return i % 3 === 0
        ? client.budgetUnits.searchBudgetUnits({ nameContains: 'trường', managingAuthority: '', pageSize: 10, pageToken: '' })
        : client.budgetUnits.getBudgetUnit({ code: bad ? '12' : pick(data.budgetCodes) });
    case 'DN-VNPOST-BCCI':
      return bad
        ? client.vnpost.trackOrder({ itemNumber: 'EA123456789VN' })
        : client.vnpost.quotePostage({
            senderProvince: '01',
            receiverProvince: ['01', '31', '48', '79', '92'][i % 5]!,
            weightGrams: 200 + (i % 10) * 150,
            kind: OrderKind.ORDER_KIND_BOTH,
            codAmountVnd: 0,
          });
    default: {
      const code = pick(data.taxCodes);
      const taxCode = bad ? code.slice(0, 9) + String((Number(code[9]) + 1) % 10) : unknown ? '0100109106' : code;
      return client.businessRegistration.getEnterprise({ taxCode });
    }
  }
}
