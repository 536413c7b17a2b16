// A Python gRPC client (Debian's python3-grpcio and python3-grpc-tools) asking a server's standard
// services: health Check/Watch, reflection, and a call whose google.rpc.Status it decodes
// (python/grpc_standard.py; stubs compiled at run time from the protos the servers implement).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, '..', 'python', 'grpc_standard.py');

/** True when /usr/bin/python3 has grpcio and grpc_tools (scripts/bootstrap.sh installs them). */
export function pythonGrpcAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import grpc, grpc_tools'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A running Python client: the JSON lines printed so far, and all of them once it exits. */
export interface PythonGrpcRun {
  lines: unknown[];
  exited: Promise<unknown[]>;
}

/**
 * Starts the client against address (TLS when caFile is given, server name localhost) with a command:
 * ['check', service] | ['watch', service, count] | ['reflect', 'v1' | 'v1alpha'] | ['call', path, requestHex, token?].
 */
export function startPythonGrpc(address: string, command: string[], caFile?: string): PythonGrpcRun {
  const stubs = mkdtempSync(join(tmpdir(), 'ndxp-py-grpc-'));
  const healthProto = join(dirname(require.resolve('grpc-health-check/package.json')), 'proto', 'health', 'v1', 'health.proto');
  const reflectionDir = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const repoProto = join(__dirname, '..', '..', '..', 'proto');
  const child = spawn(PYTHON, [SCRIPT, stubs, healthProto, reflectionDir, repoProto, address, caFile ?? '-', ...command], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: unknown[] = [];
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n')) {
      lines.push(JSON.parse(out.slice(0, i)) as unknown);
      out = out.slice(i + 1);
    }
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<unknown[]>((resolve, reject) => {
    child.on('close', (code) => {
      rmSync(stubs, { recursive: true, force: true });
      if (code === 0) resolve(lines);
      else reject(new Error(`grpc_standard.py exited ${code}: ${err.trim()}`));
    });
  });
  return { lines, exited };
}

/** Runs the client to its end and returns its one (last) JSON line. */
export async function pythonGrpc(address: string, command: string[], caFile?: string): Promise<Record<string, unknown>> {
  const lines = await startPythonGrpc(address, command, caFile).exited;
  return (lines.at(-1) ?? {}) as Record<string, unknown>;
}
