// `pnpm bench`: the ceiling, the peer and the mesh under the same load on one nats-server, over NATS
// and over HTTP/JSON, interleaved round by round; prints tables and writes JSON (design section 9).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { getEnterpriseService } from '@ndxp/contracts';
import { startNatsServer, type NatsServerHandle } from '@ndxp/testing';
import { ArgsError, HELP, parseArgs, type BenchOptions, type SystemName } from './args';
import { killAllNow } from './children';
import { createLookup, DATASET_SEED } from './enterprise-lookup';
import { describeMachine, findNatsServerPid } from './environment';
import { GATEWAY_ENTRY, startMeshHttp } from './mesh-http-system';
import { createMeshStorage, missingMeshEntries, startMesh, type MeshStorage } from './mesh-system';
import { PEER_PAYLOAD_NOTE } from './peer-broker';
import { renderMeteringNotes, renderReport } from './report';
import { BENCH_SUBJECT } from './request-shape';
import { meshRatios, summarize, type RoundResult } from './results';
import { runRound } from './round';
import { startCeiling, startPeer, startPeerHttp, type RunningSystem } from './systems';
import type { WorkerConfig } from './worker-protocol';

const ROOT = resolve(__dirname, '../../..');
const SAMPLE_SIZE = 1000;
const TIMEOUT_MS = 5000;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`bench: ${e.message}\n\n${HELP}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const withMesh = options.systems.some((s) => s === 'mesh' || s === 'mesh-unshared' || s === 'mesh-http');
  if (withMesh) {
    const missing = missingMeshEntries(ROOT, options.systems.includes('mesh-http') ? [GATEWAY_ENTRY] : []);
    if (missing.length > 0) {
      process.stderr.write(
        `bench: the mesh cannot run, these compiled entries are missing:\n  ${missing.join('\n  ')}\n` +
          `Build them (pnpm build), or leave the mesh out: --systems ceiling,peer,peer-http\n`,
      );
      return 2;
    }
  }
  const natsUrlGiven = process.env['NATS_URL'];
  if (natsUrlGiven && !/^nats:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(natsUrlGiven)) {
    process.stderr.write(`bench: NATS_URL must be a single loopback address, got ${natsUrlGiven}\n`);
    return 2;
  }

  const machine = describeMachine();
  const startedAt = new Date();
  let nats: NatsServerHandle | undefined;
  let storage: MeshStorage | undefined;
  let natsPid: number | undefined;
  const cleanup = async (): Promise<void> => {
    // Everything but nats-server dies at once; nats-server stops gracefully so its directory goes too.
    killAllNow(nats?.owned ? natsPid : undefined);
    await nats?.stop().catch(() => undefined);
    storage?.remove();
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) return;
    interrupted = true;
    progress(`\nbench: ${signal}, stopping every process`);
    const hard = setTimeout(() => process.exit(130), 5000);
    hard.unref();
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => killAllNow());

  const rounds: RoundResult[] = [];
  try {
    nats = await startNatsServer();
    natsPid = findNatsServerPid(nats.owned);
    if (natsPid === undefined) progress('bench: nats-server process not found, its CPU and memory go unreported');
    const worker: WorkerConfig = {
      natsUrl: nats.url,
      datasetSeed: DATASET_SEED,
      datasetSize: options.datasetSize,
    };
    const taxCodes = createLookup({
      seed: DATASET_SEED,
      size: options.datasetSize,
    }).sampleTaxCodes(SAMPLE_SIZE);
    if (withMesh) storage = createMeshStorage();
    const starters: Record<SystemName, () => Promise<RunningSystem>> = {
      ceiling: () => startCeiling(worker),
      peer: () => startPeer(worker),
      mesh: () => startMesh(ROOT, nats!.url, storage!, { seed: DATASET_SEED, size: options.datasetSize }),
      'mesh-unshared': () =>
        startMesh(ROOT, nats!.url, storage!, { seed: DATASET_SEED, size: options.datasetSize }, { sharedLimits: false }),
      'peer-http': () => startPeerHttp(worker),
      'mesh-http': () => startMeshHttp(ROOT, nats!.url, storage!, { seed: DATASET_SEED, size: options.datasetSize }),
    };

    const total = options.rounds * options.concurrencies.length * options.systems.length;
    progress(
      `bench: ${options.systems.join(', ')} at concurrency ${options.concurrencies.join(', ')}; ` +
        `${options.rounds} round(s) of ${options.durationMs / 1000}s after ${options.warmupMs / 1000}s warm-up; ` +
        `nats-server ${nats.url}; ${machine.cpus} cores`,
    );
    let n = 0;
    for (let round = 1; round <= options.rounds; round++) {
      for (const concurrency of options.concurrencies) {
        for (const system of options.systems) {
          n++;
          const label = `[${String(n).padStart(String(total).length)}/${total}] round ${round} c=${concurrency} ${system}`;
          progress(`${label}: starting`);
          const r = await runRound({
            system,
            concurrency,
            round,
            warmupMs: options.warmupMs,
            durationMs: options.durationMs,
            timeoutMs: TIMEOUT_MS,
            taxCodes,
            worker,
            natsPid,
            start: starters[system],
          });
          rounds.push(r);
          const [summary] = summarize([r]);
          progress(
            `${label}: ${summary!.rps.toFixed(0)} req/s, p50 ${summary!.latency.p50.toFixed(2)} ms, ` +
              `p99 ${summary!.latency.p99.toFixed(2)} ms, errors ${r.errors}, other load ${r.otherCores?.toFixed(2) ?? '?'} cores`,
          );
        }
      }
    }
  } catch (e) {
    progress(`bench: failed: ${e instanceof Error ? e.message : String(e)}`);
    if (rounds.length > 0) writeResults(options, machine, startedAt, rounds, false);
    return 1;
  } finally {
    await cleanup();
  }
  const file = writeResults(options, machine, startedAt, rounds, true);
  progress(`bench: results written to ${file}`);
  return 0;
}

function writeResults(
  options: BenchOptions,
  machine: ReturnType<typeof describeMachine>,
  startedAt: Date,
  rounds: RoundResult[],
  complete: boolean,
): string {
  const summaries = summarize(rounds);
  const ratios = meshRatios(summaries);
  if (complete) {
    const notes = renderMeteringNotes(rounds);
    process.stdout.write(`\n${renderReport(summaries, ratios)}\n${notes ? `${notes}\n` : ''}`);
  }
  const file = resolve(process.cwd(), options.out);
  mkdirSync(dirname(file), { recursive: true });
  const doc = {
    tool: 'ndxp-bench',
    complete,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    options,
    method: {
      request: `GetEnterpriseRequest{taxCode} on ${BENCH_SUBJECT}; answer: Enterprise proto`,
      httpRequest: `POST ${getEnterpriseService.httpPath} {"taxCode"} (proto3 JSON), answer 200 with the Enterprise as JSON; mesh-http with Authorization: Bearer <OAuth2 client-credentials token>`,
      httpClient: 'undici Pool, one keep-alive connection per request in flight',
      closedLoop: 'exactly `concurrency` requests in flight; a new one starts when one completes',
      timeoutMs: TIMEOUT_MS,
      datasetSeed: DATASET_SEED,
      taxCodesSampled: SAMPLE_SIZE,
      peerPayload: PEER_PAYLOAD_NOTE,
      cpu: 'utime+stime from /proc/<pid>/stat, read when the measured window opens and closes',
      memory: 'VmHWM from /proc/<pid>/status at the end of the window (nats-server: reset before each round)',
      latencyPrecision: 'log buckets of 1% width',
    },
    summaries,
    ratios,
    rounds,
  };
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      killAllNow();
      process.exit(1);
    },
  );
}
