import { parseMachineCpu, parseStat, parseVmHwm } from './proc-stats';

describe('/proc parsing', () => {
  it('reads ppid, utime and stime even when the command name holds spaces and parentheses', () => {
    const line = '4242 (node (bench) x) S 4200 4242 4200 0 -1 4194560 100 0 0 0 1234 56 0 0 20 0 11 0 500 1000 2000';
    expect(parseStat(line)).toEqual({
      comm: 'node (bench) x',
      ppid: 4200,
      utime: 1234,
      stime: 56,
    });
  });

  it('reads VmHWM in bytes, and null when the line is missing', () => {
    expect(parseVmHwm('Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t   51200 kB\nVmRSS:\t 40000 kB\n')).toBe(51200 * 1024);
    expect(parseVmHwm('Name:\tkthreadd\n')).toBeNull();
  });

  it('counts idle and iowait as not busy in /proc/stat', () => {
    const stat = 'cpu  100 10 50 800 40 0 0 0 0 0\ncpu0 50 5 25 400 20 0 0 0 0 0\n';
    expect(parseMachineCpu(stat, 100)).toEqual({ busy: 1.6, total: 10 });
  });
});
