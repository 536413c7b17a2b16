// The generated document passes a validator nobody here wrote: @redocly/cli lint, with the rules of
// libs/openapi/redocly.yaml, failing on any error or warning.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DOCUMENT_FILE, openApiDocument } from './index';

const PACKAGE_DIR = join(__dirname, '..');
// Its CLI script, run by this node (the .bin shim would take whichever node is first on PATH).
const REDOCLY = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; message: string }>;
}

/** Runs `redocly lint` on a file and reads its JSON report (it exits non-zero on errors). */
function lint(file: string): Promise<LintReport> {
  const args = [REDOCLY, 'lint', file, '--config', join(PACKAGE_DIR, 'redocly.yaml'), '--format=json'];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint gave no report: ${err?.message ?? ''} ${stderr}`));
      }
    });
  });
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ndxp-openapi-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('redocly lint', () => {
  it('finds no error and no warning in the generated dist/openapi.json', async () => {
    const report = await lint(DOCUMENT_FILE);
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toEqual(expect.objectContaining({ errors: 0, warnings: 0 }));
  });

  it('fails a document with a schema it does not define (so the check can fail)', async () => {
    const broken = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    delete broken.components.schemas['ndxp.businessregistration.v1.Enterprise'];
    const file = join(scratch, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const report = await lint(file);
    expect(report.totals.errors).toBeGreaterThan(0);
  });
});
