// The reports metering answers (over NATS, gRPC and HTTP alike): usage report for a period and
// grouping, connected versus active, compliance with the deadline rule, and the ledger's chain check.
import type { RegistrySnapshot } from '@ndxp/contracts';
import type { LedgerStore } from '@ndxp/store';
import { buildCompliance } from './compliance';
import { buildConnected } from './connected';
import type {
  ComplianceReport,
  ComplianceRequest,
  ConnectedReport,
  ConnectedRequest,
  Report,
  ReportRequest,
  VerifyLedgerRequest,
  VerifyLedgerResponse,
} from '@ndxp/contracts';
import { buildReport, checkGroup } from './report-math';
import { checkDay, resolvePeriod, today } from './report-period';

/** What the reports need: the ledger, the registry snapshot, and a clock. */
export interface ReportSources {
  store: LedgerStore;
  snapshot: () => Promise<RegistrySnapshot>;
  now?: () => number;
  /** Told how far a chain walk has got, about every walkProgressEveryMs. */
  onWalkProgress?: (progress: { seq: number; tailSeq: number; recordsPerSecond: number }) => void;
  /** How often a chain walk reports how far it has got, ms (10 s). */
  walkProgressEveryMs?: number;
}

/** The report methods, keyed like the proto service's. */
export interface Reports {
  getReport(req: ReportRequest): Promise<Report>;
  getConnected(req: ConnectedRequest): Promise<ConnectedReport>;
  getCompliance(req: ComplianceRequest): Promise<ComplianceReport>;
  verifyLedger(req: VerifyLedgerRequest): Promise<VerifyLedgerResponse>;
}

/** Builds the report methods over a ledger and a registry source. */
export function createReports({ store, snapshot, now = Date.now, onWalkProgress, walkProgressEveryMs = 10_000 }: ReportSources): Reports {
  return {
    async getReport(req) {
      const period = resolvePeriod(req.fromDay, req.toDay, now());
      const group = checkGroup(req.group);
      return buildReport(period, group, await store.rollup({ ...period, group }));
    },
    async getConnected(req) {
      const period = resolvePeriod(req.fromDay, req.toDay, now());
      const [snap, byConsumer, byProvider] = await Promise.all([
        snapshot(),
        store.rollup({ ...period, group: 'consumer' }),
        store.rollup({ ...period, group: 'provider' }),
      ]);
      return buildConnected(snap, period, byConsumer, byProvider, now());
    },
    async getCompliance(req) {
      const date = req.date.trim() ? checkDay(req.date.trim(), 'date') : today(now());
      const [snap, firstOk] = await Promise.all([snapshot(), store.firstOkDays()]);
      return buildCompliance(snap, firstOk, date);
    },
    async verifyLedger(req) {
      let first: { seq: number; at: number } | undefined;
      let last = 0;
      const v = await store.verifyChain(req.fromSeq, (seq, tailSeq) => {
        const t = Date.now();
        // The first slice sets the pace; later ones are told at most every walkProgressEveryMs.
        if (!first) {
          first = { seq, at: t };
          return;
        }
        if (!onWalkProgress || t - (last || first.at) < walkProgressEveryMs) return;
        last = t;
        onWalkProgress({ seq, tailSeq, recordsPerSecond: Math.round(((seq - first.seq) * 1000) / Math.max(1, t - first.at)) });
      });
      return {
        ok: v.ok,
        checked: v.checked,
        tailSeq: v.tailSeq,
        tailHash: v.tailHash,
        problem: v.problem ?? '',
        badSeq: v.badSeq ?? 0,
        badRequestId: v.badRequestId ?? '',
        detail: v.detail ?? '',
      };
    },
  };
}
