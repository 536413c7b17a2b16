// The logs of a whole demo run (every service's log file, nats-server's, and the demo's own output)
// hold no personal data in clear: no personal identification number, person's name or address of
// the people and enterprises the demo's requests were about.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as br from '@ndxp/simulator-business-registration';
import * as civil from '@ndxp/simulator-civil-status';
import { REPO_ROOT } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
/** The demo asks for identifiers from these samples (tools/ndxp/src/demo.ts); every one is checked. */
const SAMPLE = 500;

/** Personal data of the records the demo can ask for: ID numbers, people's names, addresses. */
function personalData(): Map<string, string> {
  const found = new Map<string, string>();
  const add = (kind: string, value: string | undefined): void => {
    const v = value?.trim();
    // Short values (a bare province name, a one-word name) are not identifying on their own.
    if (v && (v.length >= 12 || v.split(/\s+/).length >= 3)) found.set(v, kind);
  };
  const people = civil.createDataset({ seed: civil.DEFAULT_SEED, size: civil.DEFAULT_SIZE });
  for (const id of people.samplePersonalIds(SAMPLE)) {
    add('personal id', id);
    const r = people.find('KS', { personalId: id }) as unknown as Record<string, string> | undefined;
    if (!r) continue;
    for (const [field, value] of Object.entries(r)) {
      if (/HoTen$/.test(field)) add(`name (${field})`, value);
      if (/(SoGiayTo|SoDinhDanh)$/.test(field)) add(`id number (${field})`, value);
      if (/NoiCuTru$/.test(field)) add(`address (${field})`, value);
    }
  }
  const enterprises = br.createDataset({ seed: br.DEFAULT_SEED, size: br.DEFAULT_SIZE });
  for (const code of enterprises.sampleTaxCodes(SAMPLE)) {
    const e = enterprises.get(code);
    if (!e) continue;
    add('legal representative', e.nguoiDaiDien.hoTen);
    add('head office address', e.diaChiTruSo.diaChiDayDu);
    add('street address', `${e.diaChiTruSo.soNhaDuong}, ${e.diaChiTruSo.phuongXa}`);
  }
  return found;
}

/** Every personal value found in `text`, with its kind. */
function leaks(text: string, data: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [value, kind] of data) if (text.includes(value)) out.push(`${kind}: ${value}`);
  return out;
}

describe('logs of a whole demo run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ndxp-demo-logs-'));
  let output = '';
  let exitCode: number | null = null;
  const data = personalData();

  beforeAll(async () => {
    const child = spawn(process.execPath, [CLI, 'demo', '--requests', '300', '--exit', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    exitCode = await new Promise<number | null>((r) => child.once('exit', r));
  }, 180_000);

  it('sends every request and writes a log for every service', () => {
    expect(exitCode).toBe(0);
    expect(output).toMatch(/300\/300 \(100%\)/);
    const logs = readdirSync(dataDir).filter((f) => f.endsWith('.log'));
    for (const name of ['nats-server', 'registry', 'routing', 'metering', 'adapter-civil-status', 'adapter-business-registration'])
      expect(logs).toContain(`${name}.log`);
  });

  it('finds personal data where it is written in clear (the check itself works)', () => {
    expect(data.size).toBeGreaterThan(SAMPLE);
    const [someone] = [...data.keys()];
    expect(leaks(`{"msg":"answer","name":"${someone}"}`, data)).toHaveLength(1);
  });

  it('holds no personal identification number, name or address of the people asked about', () => {
    const found: string[] = [];
    for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.log'))) {
      for (const leak of leaks(readFileSync(join(dataDir, file), 'utf8'), data)) found.push(`${file}: ${leak}`);
    }
    for (const leak of leaks(output, data)) found.push(`demo output: ${leak}`);
    expect(found).toEqual([]);
  });
});
