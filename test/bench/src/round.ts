// One measured round: start the system and a fresh load client, sample CPU of every process at
// the edges of the measured window, read peak memory, stop everything.
import type { SystemName } from './args';
import { forkWorker, type Worker } from './children';
import { cpuSeconds, machineBusySeconds, peakRss, resetPeakRss } from './proc-stats';
import { CLIENT_PROCESS, type ProcessSample, type RoundResult } from './results';
import type { MeasuredProcess, RunningSystem } from './systems';
import type { LoadPlan, WorkerConfig } from './worker-protocol';

/** Everything one round needs. */
export interface RoundSpec {
  system: SystemName;
  concurrency: number;
  round: number;
  warmupMs: number;
  durationMs: number;
  timeoutMs: number;
  taxCodes: string[];
  worker: WorkerConfig;
  /** nats-server's pid, when it could be found. */
  natsPid: number | undefined;
  start(): Promise<RunningSystem>;
}

/** Runs one round; the system and client are stopped whatever happens. */
export async function runRound(spec: RoundSpec): Promise<RoundResult> {
  if (spec.natsPid !== undefined) resetPeakRss(spec.natsPid);
  const system = await spec.start();
  try {
    let client: Worker | undefined = await forkWorker(CLIENT_PROCESS, 'load-client', spec.worker);
    try {
      const measured: MeasuredProcess[] = [
        ...system.processes,
        ...(spec.natsPid !== undefined ? [{ name: 'nats-server', pid: spec.natsPid }] : []),
        { name: CLIENT_PROCESS, pid: client.pid },
      ];
      const plan: LoadPlan = {
        system: spec.system,
        concurrency: spec.concurrency,
        warmupMs: spec.warmupMs,
        durationMs: spec.durationMs,
        timeoutMs: spec.timeoutMs,
        taxCodes: spec.taxCodes,
        ...(system.http ? { http: system.http } : {}),
      };
      const measuring = client.next('measuring', spec.warmupMs + 60_000);
      // Listened for from the start: "done" may come right behind "measured".
      const done = client.next('done', spec.warmupMs + spec.durationMs + spec.timeoutMs + 60_000);
      done.catch(() => undefined);
      client.send({ type: 'run', plan });
      await measuring;
      const machineBefore = machineBusySeconds();
      const before = measured.map((p) => cpuSeconds(p.pid));
      const { report } = await client.next('measured', spec.durationMs + 30_000);
      const after = measured.map((p) => cpuSeconds(p.pid));
      const machineAfter = machineBusySeconds();
      const processes: ProcessSample[] = measured.map((p, i) => {
        const b = before[i];
        const a = after[i];
        return {
          name: p.name,
          pid: p.pid,
          cpuSeconds: a === null || a === undefined || b === null || b === undefined ? null : a - b,
          peakRssBytes: peakRss(p.pid),
        };
      });
      const ours = processes.reduce((sum, p) => sum + (p.cpuSeconds ?? 0), 0);
      const otherCores =
        machineBefore === null || machineAfter === null
          ? null
          : Math.max(0, (machineAfter - machineBefore - ours) / (report.elapsedMs / 1000));
      // The load stops (every request in flight completed) before the system settles, so settling
      // measures what the window left behind.
      const { totals } = await done;
      await client.stop();
      client = undefined;
      const extra = system.settle ? await system.settle(totals) : undefined;
      return {
        system: spec.system,
        concurrency: spec.concurrency,
        round: spec.round,
        elapsedMs: report.elapsedMs,
        ok: report.ok,
        errors: report.errors,
        errorsByKind: report.errorsByKind,
        latency: report.latency,
        processes,
        otherCores,
        totals,
        ...(extra ? { extra } : {}),
      };
    } finally {
      await client?.stop();
    }
  } finally {
    await system.stop();
  }
}
