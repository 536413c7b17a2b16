import { ArgsError } from './args';
import { parseScaleArgs } from './scale-args';

describe('parseScaleArgs', () => {
  it('defaults to 1 then 2 adapter replicas, as is and with 2000 us of CPU per call, 32 in flight', () => {
    const o = parseScaleArgs([], new Date('2026-01-02T03:04:05Z'));
    expect(o.adapterReplicas).toEqual([1, 2]);
    expect(o.adapterCpuUs).toEqual([0, 2000]);
    expect(o.concurrency).toBe(32);
    expect(o.durationMs).toBe(8000);
    expect(o.warmupMs).toBe(2000);
    expect(o.rounds).toBe(2);
    expect(o.out).toBe('bench-results/scale-2026-01-02T03-04-05-000Z.json');
  });

  it('reads lists, inline values and --quick, explicit options winning over --quick', () => {
    const o = parseScaleArgs(['--adapter-replicas', '1,2,3', '--adapter-cpu-us=500', '--quick', '--duration', '5s']);
    expect(o.adapterReplicas).toEqual([1, 2, 3]);
    expect(o.adapterCpuUs).toEqual([500]);
    expect(o.durationMs).toBe(5000);
    expect(o.rounds).toBe(1);
  });

  it('refuses zero replicas, unknown flags and missing values with ArgsError', () => {
    expect(() => parseScaleArgs(['--adapter-replicas', '0'])).toThrow(ArgsError);
    expect(() => parseScaleArgs(['--replicas', '2'])).toThrow(ArgsError);
    expect(() => parseScaleArgs(['--concurrency'])).toThrow(ArgsError);
  });
});
