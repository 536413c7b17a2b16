// The metering query API as one table of handlers, served alike over NATS and gRPC.
import {
  type GetTransactionRequest,
  GetTransactionResponse,
  type LedgerStatsRequest,
  LedgerStatsResponse,
  MeshError,
  type UsageQuery,
  type UsageReport,
} from '@ndxp/contracts';
import type { LedgerStore } from '@ndxp/store';
import type {
  ComplianceReport,
  ComplianceRequest,
  ConnectedReport,
  ConnectedRequest,
  ReconcileLedgerRequest,
  ReconcileLedgerResponse,
  Report,
  ReportRequest,
  VerifyLedgerRequest,
  VerifyLedgerResponse,
} from '@ndxp/contracts';
import type { Reports } from './reports';
import { validateUsageQuery } from './usage-query';

/**
 * The query handlers over a ledger store, its reports and the reconciliation against the meter
 * stream, keyed like the proto service's methods.
 */
export function meteringHandlers(
  store: LedgerStore,
  reports: Reports,
  reconcile: (req: ReconcileLedgerRequest) => Promise<ReconcileLedgerResponse>,
) {
  return {
    reconcileLedger: (req: ReconcileLedgerRequest): Promise<ReconcileLedgerResponse> => reconcile(req),
    getReport: (req: ReportRequest): Promise<Report> => reports.getReport(req),
    getConnected: (req: ConnectedRequest): Promise<ConnectedReport> => reports.getConnected(req),
    getCompliance: (req: ComplianceRequest): Promise<ComplianceReport> => reports.getCompliance(req),
    verifyLedger: (req: VerifyLedgerRequest): Promise<VerifyLedgerResponse> => reports.verifyLedger(req),
    getUsage: async (q: UsageQuery): Promise<UsageReport> => store.usage(validateUsageQuery(q)),
    getTransaction: async (req: GetTransactionRequest): Promise<GetTransactionResponse> => {
      const requestId = req.requestId.trim();
      if (!requestId) throw new MeshError('client.invalid_argument', 'request_id is required', { field: 'request_id' });
      const event = await store.getTransaction(requestId);
      return GetTransactionResponse.fromPartial({ found: event !== undefined, event });
    },
    ledgerStats: async (_req: LedgerStatsRequest): Promise<LedgerStatsResponse> => {
      const s = await store.stats();
      return LedgerStatsResponse.fromPartial({ entries: s.entries, duplicatesIgnored: s.duplicatesIgnored });
    },
  };
}
