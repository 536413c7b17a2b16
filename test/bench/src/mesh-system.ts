// The mesh: the real services spawned from their compiled entries, as an operator would run them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryDefinition } from '@ndxp/contracts';
import { startProcess, type ServiceProcess } from '@ndxp/testing';
import { track } from './children';
import { checkLedger, readLedger, type LedgerCount } from './ledger-check';
import { askMesh } from './mesh-api';
import { waitForMetering } from './metering-backlog';
import { BENCH_CONSUMER } from './request-shape';
import type { RunningSystem } from './systems';

/** The mesh's services in start order, with their compiled entries relative to the repository root. */
export const MESH_SERVICES: ReadonlyArray<{ name: string; entry: string }> = [
  { name: 'registry', entry: 'services/registry/dist/main.js' },
  { name: 'metering', entry: 'services/metering/dist/main.js' },
  // The adapter over the simulator's dataset in-process: the mesh is measured, not an HTTP hop.
  { name: 'adapter-business-registration', entry: 'test/bench/dist/memory-adapter-main.js' },
  { name: 'routing', entry: 'services/routing/dist/main.js' },
];

/** Compiled entries of the mesh (and `extra` ones, e.g. the gateway's) that do not exist yet (empty when the mesh can run). */
export function missingMeshEntries(root: string, extra: readonly string[] = []): string[] {
  return [...MESH_SERVICES.map((s) => s.entry), ...extra].filter((e) => !existsSync(join(root, e)));
}

/** Temporary databases the mesh keeps for the whole run (the ledger grows across mesh rounds). */
export interface MeshStorage {
  dir: string;
  remove(): void;
}

/** Creates the temporary directory holding REGISTRY_DB and METERING_DB. */
export function createMeshStorage(): MeshStorage {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-bench-mesh-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment of every mesh service. */
export function meshEnv(natsUrl: string, storage: MeshStorage, dataset: { seed: string | number; size: number }): Record<string, string> {
  return {
    NATS_URL: natsUrl,
    // The services log "ready" at info, which startProcess waits for; nothing on the request path
    // logs at info (per-request lines are debug), so info costs the data path nothing.
    LOG_LEVEL: 'info',
    REGISTRY_DB: join(storage.dir, 'registry.db'),
    METERING_DB: join(storage.dir, 'metering.db'),
    REGISTRY_GRPC_ADDR: '127.0.0.1:0',
    METERING_GRPC_ADDR: '127.0.0.1:0',
    SIM_SEED: String(dataset.seed),
    SIM_SIZE: String(dataset.size),
  };
}

/** Starts the four services in order, each awaited until it logs "ready". */
export async function startMesh(
  root: string,
  natsUrl: string,
  storage: MeshStorage,
  dataset: { seed: string | number; size: number },
  variant: { sharedLimits: boolean } = { sharedLimits: true },
): Promise<RunningSystem> {
  const started: ServiceProcess[] = [];
  let before: LedgerCount;
  const stop = async (): Promise<void> => {
    // Reverse order: routing stops taking requests before what it depends on goes away.
    for (const p of [...started].reverse()) {
      const timer = setTimeout(() => void p.kill(), 5000);
      await p.stop();
      clearTimeout(timer);
    }
  };
  try {
    for (const s of MESH_SERVICES) {
      const p = await startProcess({
        name: s.name,
        script: join(root, s.entry),
        env: { ...meshEnv(natsUrl, storage, dataset), ROUTING_SHARED_LIMITS: String(variant.sharedLimits) },
      });
      track(p.child);
      started.push(p);
      if (s.name === 'registry') await setBenchLimits(natsUrl);
    }
    before = await readLedger(natsUrl);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    system: variant.sharedLimits ? 'mesh' : 'mesh-unshared',
    processes: started.map((p) => ({ name: p.name, pid: p.child.pid ?? -1 })),
    settle: async (load) => {
      const metering = await waitForMetering(natsUrl);
      return { metering, ledger: checkLedger(before, await readLedger(natsUrl), load) };
    },
    stop,
  };
}

/**
 * Limits for the bench's consumer, far above what the machine can send (100,000/s, the registry's most; 10^9 a day), so
 * that routing runs its limits path on every request (the rate bucket, the quota leases) without
 * refusing any: the cost of the limits is measured, not their effect.
 */
export const BENCH_LIMITS = { consumer: BENCH_CONSUMER, ratePerSecond: 100_000, burst: 100_000, dailyQuota: 1_000_000_000 };

/** Sets BENCH_LIMITS through the registry's NATS API (the broker is anonymous: the ops caller). */
async function setBenchLimits(natsUrl: string): Promise<void> {
  await askMesh(natsUrl, 'registry', 'SetLimits', RegistryDefinition.methods.setLimits, BENCH_LIMITS);
}
