// CPU time and peak memory of processes from Linux /proc: /proc/<pid>/stat (utime + stime, in
// clock ticks) and /proc/<pid>/status (VmHWM, the resident-set high-water mark).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat the benchmark uses. */
export interface ProcStat {
  comm: string;
  ppid: number;
  /** User and system CPU time in clock ticks. */
  utime: number;
  stime: number;
}

/** Parses the text of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc stat line: ${text.slice(0, 80)}`);
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const field = (n: number): number => Number(rest[n - 3]);
  return {
    comm: text.slice(open + 1, close),
    ppid: field(4),
    utime: field(14),
    stime: field(15),
  };
}

/** Reads VmHWM (peak resident set) from the text of /proc/<pid>/status, in bytes. */
export function parseVmHwm(text: string): number | null {
  const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

let ticksPerSecond: number | undefined;

/** Clock ticks per second (getconf CLK_TCK; 100 on practically every Linux). */
export function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Total CPU seconds (user + system) of a process so far, or null if it cannot be read. */
export function cpuSeconds(pid: number): number | null {
  try {
    const s = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return (s.utime + s.stime) / clockTicks();
  } catch {
    return null;
  }
}

/** Peak resident set of a process in bytes, or null if it cannot be read. */
export function peakRss(pid: number): number | null {
  try {
    return parseVmHwm(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

/** Resets a process's VmHWM to its current RSS (Linux ≥ 4.0); false when not permitted. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Every live process: pid with its parsed stat line. */
export function listProcesses(): Array<{ pid: number; stat: ProcStat }> {
  const out: Array<{ pid: number; stat: ProcStat }> = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      out.push({
        pid: Number(e),
        stat: parseStat(readFileSync(`/proc/${e}/stat`, 'utf8')),
      });
    } catch {
      // exited while listing
    }
  }
  return out;
}

/** Pids of the direct children of a process. */
export function childPids(ppid: number): number[] {
  return listProcesses()
    .filter((p) => p.stat.ppid === ppid)
    .map((p) => p.pid);
}

/** Busy and total CPU time of the whole machine in seconds, from the first line of /proc/stat. */
export function parseMachineCpu(text: string, ticks: number): { busy: number; total: number } | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const total = v.slice(0, 8).reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: (total - idle) / ticks, total: total / ticks };
}

/** Busy CPU seconds of the whole machine so far (all cores), or null off Linux. */
export function machineBusySeconds(): number | null {
  try {
    return parseMachineCpu(readFileSync('/proc/stat', 'utf8'), clockTicks())?.busy ?? null;
  } catch {
    return null;
  }
}
