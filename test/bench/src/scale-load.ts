// The scaling benchmark's load: C loops, each sending its next request when the previous one ends
// (closed loop), as an LGSP on its own connection; a warm-up, then a measured window.
import { performance } from 'node:perf_hooks';
import type { NatsConnection } from '@nats-io/nats-core';
import { Enterprise, GetEnterpriseRequest, Header, STATUS_OK } from '@ndxp/contracts';
import { LatencyHistogram } from './latency-histogram';
import { BENCH_SUBJECT, freshRequestMeta, requestHeaders } from './request-shape';

/** How to load the mesh. */
export interface LoadSpec {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Timeout and deadline of each request. */
  timeoutMs: number;
  taxCodes: readonly string[];
  /** Called as the measured window opens and closes (CPU sampling). */
  onWindowStart?: () => void;
  onWindowEnd?: (elapsedMs: number) => void;
}

/** What the measured window saw: answers that ended inside it. */
export interface LoadResult {
  elapsedMs: number;
  ok: number;
  errors: number;
  errorsByKind: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

/** Runs the warm-up and the window; resolves once every loop has ended. */
export async function runClosedLoop(nc: NatsConnection, spec: LoadSpec): Promise<LoadResult> {
  const payloads = spec.taxCodes.map((taxCode) => GetEnterpriseRequest.encode({ taxCode }).finish());
  const histogram = new LatencyHistogram();
  const errorsByKind: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let measuring = false;
  let next = 0;
  const start = performance.now();
  const windowStart = start + spec.warmupMs;
  const windowEnd = windowStart + spec.durationMs;
  let opened = 0;
  const openTimer = setTimeout(() => {
    opened = performance.now();
    measuring = true;
    spec.onWindowStart?.();
  }, spec.warmupMs);
  let elapsedMs = spec.durationMs;
  const closeTimer = setTimeout(() => {
    measuring = false;
    elapsedMs = performance.now() - opened;
    spec.onWindowEnd?.(elapsedMs);
  }, spec.warmupMs + spec.durationMs);
  const loop = async (): Promise<void> => {
    while (performance.now() < windowEnd) {
      const k = next++ % payloads.length;
      const t0 = performance.now();
      let kind: string | undefined;
      try {
        const answer = await nc.request(BENCH_SUBJECT, payloads[k], {
          timeout: spec.timeoutMs,
          headers: requestHeaders(freshRequestMeta(spec.timeoutMs)),
        });
        const status = answer.headers?.get(Header.Status) ?? '';
        if (status !== STATUS_OK) kind = status || 'no-status';
        else if (Enterprise.decode(answer.data).taxCode !== spec.taxCodes[k]) kind = 'wrong-answer';
      } catch (e) {
        kind = `transport:${(e as Error).name || 'error'}`;
      }
      if (!measuring) continue;
      if (kind === undefined) {
        ok++;
        histogram.record(performance.now() - t0);
      } else {
        errors++;
        errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.concurrency }, () => loop()));
  } finally {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
  }
  const s = histogram.summary();
  return { elapsedMs, ok, errors, errorsByKind, p50Ms: s.p50, p99Ms: s.p99 };
}
