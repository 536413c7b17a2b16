// Demo traffic: a dozen provinces and ministries looking up enterprises, with some bad input.
import { connect } from '@nats-io/transport-node';
import { MeshError } from '@ndxp/contracts';
import { createClient, type MeshClient } from '@ndxp/lgsp-client';

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

export interface TrafficResult {
  sent: number;
  byCode: Map<string, number>;
  elapsedMs: number;
}

/** Sends `total` requests with `concurrency` in flight; reports progress about every 250 ms. */
export async function sendDemoTraffic(options: {
  natsUrl: string;
  total: number;
  concurrency: number;
  validCodes: string[];
  onProgress: (done: number, total: number, byCode: Map<string, number>) => void;
}): Promise<TrafficResult> {
  const nc = await connect({ servers: options.natsUrl });
  const clients: MeshClient[] = await Promise.all(
    DEMO_CONSUMERS.map((consumer) => createClient({ consumer, nc, officer: 'demo-officer', purpose: 'DEMO-2021' })),
  );
  const byCode = new Map<string, number>();
  const started = Date.now();
  let next = 0;
  let done = 0;
  let lastReport = 0;
  const one = async (i: number): Promise<void> => {
    const client = clients[i % clients.length]!;
    const taxCode = pickTaxCode(i, options.validCodes);
    let code = 'ok';
    try {
      await client.businessRegistration.getEnterprise({ taxCode }, { retries: 1 });
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
    await nc.drain();
  }
  return { sent: done, byCode, elapsedMs: Date.now() - started };
}

/** Mostly valid codes; every 20th has a wrong check digit, every 25th is valid but unknown. */
function pickTaxCode(i: number, valid: string[]): string {
  const code = valid[i % valid.length]!;
  if (i % 20 === 7) return code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
  if (i % 25 === 11) return '0100109106';
  return code;
}
