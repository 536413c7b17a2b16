// Preloaded into adapter processes by `pnpm bench:scale` (NODE_OPTIONS=--require): before each
// upstream call (global fetch, which only adapters use) the process burns a fixed amount of CPU,
// NDXP_BENCH_ADAPTER_CPU_US microseconds, standing in for a heavier adapter (XML or SOAP parsing,
// signature checks, format conversion). With 0 or unset it changes nothing.
const costUs = Number(process.env['NDXP_BENCH_ADAPTER_CPU_US'] ?? '0');

/** Spins the CPU for `us` microseconds (busy wait, no sleeping: it is the event loop's time). */
export function burnCpu(us: number): void {
  const until = process.hrtime.bigint() + BigInt(Math.round(us * 1000));
  while (process.hrtime.bigint() < until) {
    // busy
  }
}

if (Number.isFinite(costUs) && costUs > 0) {
  const original = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): ReturnType<typeof fetch> => {
    burnCpu(costUs);
    return original(input, init);
  };
}
