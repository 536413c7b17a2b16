// The built ndxp as a person runs it, against no broker, a broker with authorization, and another
// LGSP's credentials: one stderr line with a stable code naming the fix, a documented exit status,
// and no stack unless --debug.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, startNatsServer, type NatsServerHandle } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);
const STACK_FRAME = /^\s+at /m;

interface Outcome {
  status: number;
  stdout: string;
  lines: string[];
  stderr: string;
}

/** Runs the CLI with only the NATS settings given here (none inherited from the test's environment). */
async function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const r = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, NATS_URL: '', NATS_CREDS: '', NDXP_DEBUG: '', ...env },
    timeout: 30_000,
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return { status: r.code, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
}

/** A port nothing listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const CALL = ['GetEnterprise', '{"taxCode":"0100109106"}'];

/** One stderr line with the code and every named fix, no stack frame, the exit status. */
function expectOneLine(o: Outcome, status: number, code: string, ...names: string[]): void {
  expect({ status: o.status, lines: o.lines.length, code: o.lines[0]?.split(': ')[1] }).toEqual({ status, lines: 1, code });
  for (const name of names) expect(o.stderr).toContain(name);
  expect(o.stderr).not.toMatch(STACK_FRAME);
}

describe('no broker listening', () => {
  let url: string;
  beforeAll(async () => {
    url = `nats://127.0.0.1:${await freePort()}`;
  });

  it('an ops command and a call each print cli.nats_unreachable with the URL, --nats and NATS_URL, exit 4', async () => {
    for (const args of [['usage'], ['call', '--as', 'TINH-01-LGSP', ...CALL]]) {
      const o = await cli(args, { NATS_URL: url });
      expectOneLine(o, 4, 'cli.nats_unreachable', url, '(NATS_URL)', '--nats', 'NATS_URL');
    }
  });

  it('--debug (and NDXP_DEBUG=1) adds the stack to the same line', async () => {
    for (const [args, env] of [
      [['--debug', 'usage'], { NATS_URL: url }],
      [['usage'], { NATS_URL: url, NDXP_DEBUG: '1' }],
    ] as const) {
      const o = await cli([...args], env);
      expect(o.status).toBe(4);
      expect(o.lines[0]).toMatch(/^ndxp usage: cli\.nats_unreachable: /);
      expect(o.stderr).toMatch(STACK_FRAME);
    }
  });

  it('report --from 2021-13-01 is a usage error (exit 2) found before connecting', async () => {
    const o = await cli(['report', 'totals', '--from', '2021-13-01'], { NATS_URL: url });
    expectOneLine(o, 2, 'cli.invalid_date', '--from', '2021-13-01');
  });

  it('a bad flag is one line pointing at --help, exit 2', async () => {
    expectOneLine(await cli(['usage', '--bogus'], { NATS_URL: url }), 2, 'cli.usage', '--bogus', 'ndxp usage --help');
  });
});

describe('a broker with authorization', () => {
  let server: NatsServerHandle;
  let other: NatsServerHandle;
  let opsCreds: string;
  let tinh01Creds: string;
  beforeAll(async () => {
    server = await startNatsServer({ auth: true });
    other = await startNatsServer({ auth: true });
    opsCreds = await server.credsFile({ kind: 'ops' });
    tinh01Creds = await server.credsFile({ kind: 'lgsp', consumer: 'TINH-01-LGSP' });
  });
  afterAll(async () => {
    await server?.stop();
    await other?.stop();
  });

  it('without credentials: cli.credentials_missing naming --creds and NATS_CREDS, exit 3', async () => {
    expectOneLine(await cli(['usage'], { NATS_URL: server.url }), 3, 'cli.credentials_missing', server.url, '--creds', 'NATS_CREDS');
    expectOneLine(await cli(['call', '--as', 'TINH-01-LGSP', ...CALL], { NATS_URL: server.url }), 3, 'cli.credentials_missing', '--creds');
  });

  it('with a credentials file that does not exist: cli.credentials_file_missing, exit 2, from --creds or NATS_CREDS', async () => {
    expectOneLine(
      await cli(['usage', '--creds', '/nonexistent'], { NATS_URL: server.url }),
      2,
      'cli.credentials_file_missing',
      '/nonexistent (--creds)',
    );
    const call = await cli(['call', '--as', 'TINH-01-LGSP', ...CALL], { NATS_URL: server.url, NATS_CREDS: '/nonexistent' });
    expectOneLine(call, 2, 'cli.credentials_file_missing', '/nonexistent (NATS_CREDS)');
  });

  it("with another trust chain's credentials: cli.credentials_refused naming the file, exit 3", async () => {
    const foreign = await other.credsFile({ kind: 'ops' });
    expectOneLine(await cli(['usage', '--creds', foreign], { NATS_URL: server.url }), 3, 'cli.credentials_refused', foreign, 'NATS_CREDS');
  });

  it("with an LGSP's credentials for an ops command: cli.credentials_wrong_role asking for ops credentials, exit 3", async () => {
    const o = await cli(['usage', '--creds', tinh01Creds], { NATS_URL: server.url });
    expectOneLine(o, 3, 'cli.credentials_wrong_role', tinh01Creds, 'TINH-01-LGSP', 'an ops .creds file');
  });

  it('with ops credentials and no metering service running: a server error, server.unavailable, exit 4', async () => {
    expectOneLine(await cli(['usage', '--creds', opsCreds], { NATS_URL: server.url }), 4, 'server.unavailable', 'metering');
  });

  it("with TINH-01's credentials and --as TINH-02: cli.credentials_other_lgsp naming --as and --creds, exit 3", async () => {
    const o = await cli(['call', '--creds', tinh01Creds, '--as', 'TINH-02-LGSP', ...CALL], { NATS_URL: server.url });
    expectOneLine(o, 3, 'cli.credentials_other_lgsp', "TINH-01-LGSP's, not TINH-02-LGSP's", '--as TINH-01-LGSP', '--creds');
    expect(o.stdout).toBe('');
  });
});
