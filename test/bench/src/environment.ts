// Facts about the machine and the run that make results comparable, recorded in the JSON output.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { listProcesses } from './proc-stats';

/** The machine a run happened on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  kernel: string;
  node: string;
  natsServer: string;
  /** 1-minute load average when the run started: high values mean the machine was not idle. */
  loadAverageAtStart: number;
}

/** Describes this machine; nats-server's version from the binary on PATH. */
export function describeMachine(): MachineInfo {
  let natsServer = 'unknown';
  try {
    natsServer = execFileSync(process.env['NATS_SERVER_BIN'] ?? 'nats-server', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    // reported as unknown
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    kernel: release(),
    node: process.version,
    natsServer,
    loadAverageAtStart: loadavg()[0] ?? 0,
  };
}

/**
 * The pid of the nats-server in use: our own child when we started it, else the only nats-server
 * on the machine; undefined when it cannot be told (its CPU then goes unreported).
 */
export function findNatsServerPid(ownedByUs: boolean): number | undefined {
  const servers = listProcesses().filter((p) => p.stat.comm === 'nats-server');
  const mine = servers.filter((p) => p.stat.ppid === process.pid);
  if (ownedByUs) return mine.length === 1 ? mine[0]!.pid : undefined;
  return servers.length === 1 ? servers[0]!.pid : undefined;
}
