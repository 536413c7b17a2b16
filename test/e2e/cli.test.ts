// The ndxp command line as a user runs it: the demo end to end, and a one-off call.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Mesh, REPO_ROOT, startMesh, waitForValue } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);

describe('ndxp command line', () => {
  it('prints help for every command and exits 2 on an unknown one', async () => {
    for (const cmd of [[], ['demo'], ['call'], ['usage'], ['grant'], ['revoke'], ['tokens'], ['audit']]) {
      const { stdout } = await run(process.execPath, [CLI, ...cmd, '--help']);
      expect(stdout).toMatch(/Usage: ndxp/);
    }
    const failed = await run(process.execPath, [CLI, 'frobnicate']).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/unknown command/);
  });

  it('runs the demo: every service up, traffic metered exactly, usage printed, clean stop', async () => {
    const child = spawn(process.execPath, [CLI, 'demo', '--requests', '300', '--exit'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    for (const name of [
      'nats-server',
      'registry',
      'metering',
      'routing',
      'simulator-business-registration',
      'adapter-business-registration',
    ])
      expect(err).toContain(`✓ ${name}`);
    expect(err).toMatch(/300\/300 \(100%\)/);
    expect(out).toMatch(/ledger entries: 300,/);
    expect(out).toMatch(/TINH-99-LGSP\s+client error\s+\d+/);
    expect(out).toMatch(/client\.access_denied/);
    expect(out).not.toMatch(/WARNING/);
    expect(err).toMatch(/created order .* item [A-Z]{2}\d{9}VN/);
    expect(err).toMatch(/event \d+: delivered/);
    expect(err).toContain('Stopped.');
  }, 120_000);

  describe('against a running mesh', () => {
    let mesh: Mesh;
    beforeAll(async () => {
      mesh = await startMesh({ adapterUpstream: 'memory', systems: ['business-registration'] });
    });
    afterAll(async () => {
      await mesh?.stop();
    });
    /** Runs the CLI against the mesh; ops commands take the ops creds from NATS_CREDS, calls pass --creds. */
    const cli = async (args: string[]) =>
      run(process.execPath, [CLI, ...args], {
        env: { ...process.env, NATS_URL: mesh.nats.url, NATS_CREDS: await mesh.opsCredsFile() },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );

    it('call answers an invalid tax code with its stable code and exit status 3', async () => {
      const creds = await mesh.lgspCredsFile('TINH-01-LGSP');
      const r = await cli(['call', '--creds', creds, '--as', 'TINH-01-LGSP', 'GetEnterprise', '{"taxCode":"0100109107"}']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'client.invalid_argument', field: 'tax_code' });
    });

    it('revoke then call is refused, grant then call is answered, and usage counts both', async () => {
      const { createDataset, DEFAULT_SEED, DEFAULT_SIZE } = await import('@ndxp/simulator-business-registration');
      const taxCode = createDataset({ seed: DEFAULT_SEED, size: DEFAULT_SIZE }).sampleTaxCodes(1)[0]!;
      expect((await cli(['revoke', 'TINH-48-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise'])).stdout).toMatch(/changed/);
      const creds = await mesh.lgspCredsFile('TINH-48-LGSP');
      const call = async () =>
        JSON.parse(
          (
            await cli([
              'call',
              '--creds',
              creds,
              '--as',
              'TINH-48-LGSP',
              '--request-id',
              `cli-${Math.random()}`,
              'GetEnterprise',
              JSON.stringify({ taxCode }),
            ])
          ).stdout,
        ) as { status: string; answer?: { taxCode: string } };
      // Routing applies the change event asynchronously: poll (each refused call is metered too).
      let calls = 0;
      let r = await waitForValue(
        async () => (calls++, await call()),
        (x) => x.status === 'client.access_denied',
      );
      expect(r.status).toBe('client.access_denied');
      await cli(['grant', 'TINH-48-LGSP', 'BO-BKHDT-DKDN', 'GetEnterprise']);
      r = await waitForValue(
        async () => (calls++, await call()),
        (x) => x.status === 'ok',
      );
      expect(r.answer?.taxCode).toBe(taxCode);
      const usage = await waitForValue(
        async () => JSON.parse((await cli(['usage', '--consumer', 'TINH-48-LGSP', '--json'])).stdout) as { total: number },
        (u) => u.total >= calls,
      );
      expect(usage.total).toBe(calls);
    });
  });
});

/** Calls `probe` until `done` holds (at most 5 s) and returns the last result. */
