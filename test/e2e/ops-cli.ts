// The ndxp command line run as a child process with the mesh's ops credentials, for the e2e tests
// of what it prints: its exit status, stdout and stderr, whether it succeeds or not.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, type Mesh } from '@ndxp/testing';

const CLI = join(REPO_ROOT, 'tools/ndxp/dist/main.js');
const run = promisify(execFile);

/** What one run of the CLI gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ndxp <args>` against the mesh as ops (NATS_URL and NATS_CREDS set); `maxBuffer` for large output. */
export async function opsCli(mesh: Mesh, args: string[], options: { maxBuffer?: number } = {}): Promise<CliRun> {
  return run(process.execPath, [CLI, ...args], {
    env: { ...process.env, NATS_URL: mesh.nats.url, NATS_CREDS: await mesh.opsCredsFile() },
    ...(options.maxBuffer ? { maxBuffer: options.maxBuffer } : {}),
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: CliRun) => e,
  );
}
