// Public entry of @ndxp/bench: the pure pieces, for tests and for tools that read bench results.
export { parseArgs, parseDuration, ArgsError, HELP, SYSTEMS } from './args';
export type { BenchOptions, SystemName } from './args';
export { LatencyHistogram, BUCKET_GROWTH } from './latency-histogram';
export type { HistogramData, LatencySummary } from './latency-histogram';
export { summarize, meshRatios, ratio, CLIENT_PROCESS } from './results';
export type { RoundResult, SystemSummary, ProcessSample, ProcessSummary, RatioRow } from './results';
export { renderReport, renderTable } from './report';
export { parseStat, parseVmHwm } from './proc-stats';
