// mesh-http: the mesh (mesh-system.ts) behind the real gateway, spawned from its compiled entry with
// its defaults (OAuth2 bearer tokens verified on every call, tracing and its per-call log line on);
// the bench consumer is an OAuth2 client of the registry, whose secret the load client trades for a
// token at POST /token once per round.
import { join } from 'node:path';
import { getEnterpriseService, RegistryDefinition } from '@ndxp/contracts';
import { startProcess, type ServiceProcess } from '@ndxp/testing';
import { track } from './children';
import { askMesh } from './mesh-api';
import { startMesh, type MeshStorage } from './mesh-system';
import { BENCH_CONSUMER } from './request-shape';
import type { RunningSystem } from './systems';
import type { LoadTotals } from './worker-protocol';

/** The gateway's compiled entry, relative to the repository root. */
export const GATEWAY_ENTRY = 'services/gateway/dist/main.js';

/** The gateway's environment: free ports on loopback (plaintext is allowed there), everything else its default. */
export function gatewayEnv(natsUrl: string): Record<string, string> {
  return {
    NATS_URL: natsUrl,
    LOG_LEVEL: 'info',
    GATEWAY_GRPC_ADDR: '127.0.0.1:0',
    GATEWAY_HTTP_ADDR: '127.0.0.1:0',
  };
}

/** Starts the mesh, registers the OAuth2 client, then the gateway (which loads the client with its registry snapshot). */
export async function startMeshHttp(
  root: string,
  natsUrl: string,
  storage: MeshStorage,
  dataset: { seed: string | number; size: number },
): Promise<RunningSystem> {
  const mesh = await startMesh(root, natsUrl, storage, dataset);
  let gateway: ServiceProcess | undefined;
  const stop = async (): Promise<void> => {
    if (gateway) {
      const timer = setTimeout(() => void gateway?.kill(), 5000);
      await gateway.stop();
      clearTimeout(timer);
    }
    await mesh.stop();
  };
  try {
    const issued = await askMesh(natsUrl, 'registry', 'IssueCredential', RegistryDefinition.methods.issueCredential, {
      consumer: BENCH_CONSUMER,
      kind: 'oauth',
      publicKey: '',
      expiresInS: 3600,
    });
    const clientId = issued.credential?.keyId;
    if (!clientId || !issued.secret) throw new Error('the registry issued no OAuth2 client id and secret');
    // BENCH_GATEWAY_CPU_PROF=<dir>: the gateway writes a V8 CPU profile there when it stops (node --cpu-prof).
    const profileDir = process.env['BENCH_GATEWAY_CPU_PROF'];
    gateway = await startProcess({
      name: 'gateway',
      script: join(root, GATEWAY_ENTRY),
      env: gatewayEnv(natsUrl),
      ...(profileDir ? { execArgv: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}),
    });
    track(gateway.child);
    const port = Number(gateway.logs.find((l) => l['msg'] === 'ready')?.['httpPort']);
    if (!Number.isInteger(port) || port <= 0) throw new Error('the gateway logged no httpPort when ready');
    // From here on the gateway logs one line per call (its access log, at info): the runner stops
    // parsing them (a flowing stream with no listener discards), so they cost the gateway only.
    gateway.child.stdout?.removeAllListeners('data');
    return {
      system: 'mesh-http',
      processes: [...mesh.processes, { name: 'gateway', pid: gateway.child.pid ?? -1 }],
      http: { origin: `http://127.0.0.1:${port}`, path: getEnterpriseService.httpPath, client: { id: clientId, secret: issued.secret } },
      ...(mesh.settle ? { settle: (load: LoadTotals) => mesh.settle!(load) } : {}),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
