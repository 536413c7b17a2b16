// CSV renderings of the metering reports (RFC 4180: comma separated, CRLF, quoted when needed), for
// spreadsheets: one definition for metering's HTTP API and the CLI's --format csv.
import type { ComplianceReport, ConnectedReport, Report, ReportRow } from './gen/ndxp/metering/v1/metering';

function cell(v: string | number | boolean): string {
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const lines = (rows: (string | number | boolean)[][]): string => rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Column names of a report's CSV. */
export const REPORT_CSV_COLUMNS = [
  'key',
  'count',
  'ok',
  'client_errors',
  'server_errors',
  'success_rate',
  'p50_ms',
  'p95_ms',
  'p99_ms',
  'days',
  'per_day',
  'growth',
] as const;

function reportLine(r: ReportRow): (string | number)[] {
  return [
    r.key,
    r.count,
    r.ok,
    r.clientErrors,
    r.serverErrors,
    r.successRate,
    r.p50Ms,
    r.p95Ms,
    r.p99Ms,
    r.days,
    r.perDay,
    r.hasGrowth ? r.growth : '',
  ];
}

/** A report as CSV: one line per row, then the period's total with key "total". */
export function reportCsv(report: Report): string {
  const totalLine = report.total ? [['total', ...reportLine(report.total).slice(1)]] : [];
  return lines([[...REPORT_CSV_COLUMNS], ...report.rows.map(reportLine), ...totalLine]);
}

/** Compliance as CSV: one line per agency. */
export function complianceCsv(report: ComplianceReport): string {
  return lines([
    ['member', 'name', 'consumer', 'class', 'compliant', 'missing', 'met'],
    ...report.rows.map((r) => [
      r.member,
      r.name,
      r.consumer,
      r.memberClass,
      r.compliant,
      r.missing.join(' '),
      r.met.map((m) => `${m.provider}@${m.firstOkDay}`).join(' '),
    ]),
  ]);
}

/** Connected versus active as CSV: one line per subsystem with its kind and flags. */
export function connectedCsv(report: ConnectedReport): string {
  const rows: (string | boolean)[][] = [['kind', 'token', 'connected', 'active']];
  const add = (kind: string, connected: string[], active: string[]): void => {
    for (const t of [...new Set([...connected, ...active])].sort()) rows.push([kind, t, connected.includes(t), active.includes(t)]);
  };
  add('consumer', report.connectedConsumers, report.activeConsumers);
  add('system', report.connectedSystems, report.activeSystems);
  return lines(rows);
}
