// `ndxp report totals|monthly|daily|consumers|systems|connected|compliance`: the metering service's
// reports (over NATS, as ops) as a table, JSON or CSV.
import type { NatsConnection } from '@nats-io/nats-core';
import {
  ComplianceReport,
  ComplianceRequest,
  ConnectedReport,
  ConnectedRequest,
  Report,
  ReportRequest,
  type ReportRow,
  complianceCsv,
  connectedCsv,
  reportCsv,
} from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { calendarDay, period } from './inputs';
import { ask } from './queries';

export const REPORT_HELP = `Usage: ndxp report <totals|monthly|daily|consumers|systems|connected|compliance>
                   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--date YYYY-MM-DD] [--format table|json|csv]

  totals      transactions of the period, per day, success rate, latency percentiles
  monthly     month by month, with growth over the previous month (percent and factor ×N) and per-day average
  daily       day by day (Vietnam days: a call at 06:30 in Hà Nội on 1 October counts on 1 October)
  consumers   per consumer agency (LGSP);   systems   per national system
  connected   agencies and systems connected (credentials and grants) versus active (an ok call)
  compliance  each ministry and province against the deadline rule at --date (default today)

  Latency percentiles are upper bounds (≤): the bound of the √2-wide latency bucket that holds the
  p-th transaction, so a p99 of 289.6 means at most 289.6 ms, and at least 204.8 ms.
  --from defaults to 1 January of --to's year, --to to today (days of the Vietnam calendar, Asia/Ho_Chi_Minh).
${CONNECT_HELP}`;

const GROUPS: Record<string, string> = { totals: 'total', monthly: 'month', daily: 'day', consumers: 'consumer', systems: 'provider' };

/** Fetches a report over NATS. */
export function fetchReport(nc: NatsConnection, fromDay: string, toDay: string, group: string): Promise<Report> {
  return ask(nc, 'metering', 'GetReport', ReportRequest, { fromDay, toDay, group }, Report);
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
const ms = (n: number): string => n.toFixed(1);
/** A month's count as a multiple of the previous month's (growth +214.9% is ×3.15). */
const factor = (growth: number): string => `×${(1 + growth).toFixed(2)}`;

/** An aligned text table: first column left, the rest right. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Renders a usage report as the command prints it. */
export function formatReport(report: Report, format: string): string {
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  const total = report.total!;
  if (format === 'csv') return reportCsv(report);
  const period = `${report.fromDay} .. ${report.toDay}`;
  if (report.group === 'total') {
    return (
      table(
        ['period', 'transactions', 'per day', 'ok', 'client err', 'server err', 'success', 'p50 ≤ ms', 'p95 ≤ ms', 'p99 ≤ ms'],
        [
          [
            period,
            int(total.count),
            int(total.perDay),
            int(total.ok),
            int(total.clientErrors),
            int(total.serverErrors),
            pct(total.successRate),
            ms(total.p50Ms),
            ms(total.p95Ms),
            ms(total.p99Ms),
          ],
        ],
      ) + '\n'
    );
  }
  const monthly = report.group === 'month';
  const head = [
    report.group,
    'transactions',
    ...(monthly ? ['growth', '× prev'] : []),
    'per day',
    'success',
    'p50 ≤ ms',
    'p95 ≤ ms',
    'p99 ≤ ms',
  ];
  const line = (key: string, r: ReportRow): string[] => [
    key,
    int(r.count),
    ...(monthly ? (r.hasGrowth ? [`${r.growth >= 0 ? '+' : ''}${pct(r.growth)}`, factor(r.growth)] : ['-', '-']) : []),
    int(r.perDay),
    pct(r.successRate),
    ms(r.p50Ms),
    ms(r.p95Ms),
    ms(r.p99Ms),
  ];
  return `${table(head, [...report.rows.map((r) => line(r.key, r)), line(`total ${period}`, total)])}\n`;
}

function formatConnected(r: ConnectedReport, format: string): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  const rows: [string, string, boolean, boolean][] = [];
  const add = (kind: string, connected: string[], active: string[]): void => {
    for (const t of [...new Set([...connected, ...active])].sort()) rows.push([kind, t, connected.includes(t), active.includes(t)]);
  };
  add('consumer', r.connectedConsumers, r.activeConsumers);
  add('system', r.connectedSystems, r.activeSystems);
  if (format === 'csv') return connectedCsv(r);
  const summary =
    `${r.fromDay} .. ${r.toDay}: agencies connected ${r.connectedConsumers.length}, active ${r.activeConsumers.length}; ` +
    `systems connected ${r.connectedSystems.length}, active ${r.activeSystems.length} (connected from ${r.connectedBasis})`;
  const idle = rows.filter(([, , c, a]) => c && !a).map(([k, t]) => [k, t]);
  return `${summary}\n${idle.length ? `connected but not active:\n${table(['kind', 'token'], idle)}\n` : ''}`;
}

function formatCompliance(r: ComplianceReport, format: string): string {
  if (format === 'json') return JSON.stringify(r, null, 2) + '\n';
  if (format === 'csv') return complianceCsv(r);
  const bad = r.rows.filter((x) => !x.compliant).map((x) => [x.member, x.name, x.missing.join(' ')]);
  return (
    `compliance at ${r.date}: ${r.compliant} of ${r.agencies} agencies have used every required system\n` +
    (bad.length ? `${table(['member', 'name', 'missing'], bad)}\n` : '')
  );
}

/** Runs the report command. */
export async function runReport(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    from: { type: 'string' },
    to: { type: 'string' },
    date: { type: 'string' },
    format: { type: 'string' },
    ...CONNECT_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(`${REPORT_HELP}\n`);
    return 0;
  }
  const [kind] = positionals;
  const format = values.format ?? 'table';
  if (!['table', 'json', 'csv'].includes(format)) throw new UsageError(`--format must be table, json or csv, got ${format}`);
  if (!kind || !(kind in GROUPS || kind === 'connected' || kind === 'compliance'))
    throw new UsageError(`unknown report ${JSON.stringify(kind ?? '')}`);
  const { fromDay, toDay } = period(values.from, values.to);
  const date = values.date === undefined ? '' : calendarDay('--date', values.date);
  const nc = await connectWith(natsSettings(values));
  try {
    let out: string;
    if (kind === 'connected') {
      out = formatConnected(await ask(nc, 'metering', 'GetConnected', ConnectedRequest, { fromDay, toDay }, ConnectedReport), format);
    } else if (kind === 'compliance') {
      out = formatCompliance(await ask(nc, 'metering', 'GetCompliance', ComplianceRequest, { date }, ComplianceReport), format);
    } else {
      out = formatReport(await fetchReport(nc, fromDay, toDay, GROUPS[kind]!), format);
    }
    process.stdout.write(out);
    return 0;
  } finally {
    await nc.close();
  }
}
