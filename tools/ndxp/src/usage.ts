// `ndxp usage`: usage counts from the metering service, as a table.
import type { NatsConnection } from '@nats-io/nats-core';
import { Outcome, UsageQuery, UsageReport, type UsageRow } from '@ndxp/contracts';
import { CONNECT_HELP, CONNECT_OPTIONS, UsageError, connectWith, natsSettings, parse } from './args';
import { period } from './inputs';
import { ask } from './queries';

export const USAGE_HELP = `Usage: ndxp usage [--by consumer,provider,service,day,outcome,code] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                  [--consumer <token>] [--provider <token>] [--nats <url>] [--creds <file>] [--json]

Prints transaction counts from the metering service's ledger (default grouping: consumer,outcome).
${CONNECT_HELP}`;

/** Fetches a usage report over NATS. */
export function fetchUsage(nc: NatsConnection, query: Partial<UsageQuery>): Promise<UsageReport> {
  return ask(nc, 'metering', 'GetUsage', UsageQuery, UsageQuery.fromPartial(query), UsageReport);
}

const DIMENSIONS = ['consumer', 'provider', 'service', 'day', 'outcome', 'code'];

const OUTCOME_NAMES: Record<number, string> = {
  [Outcome.OUTCOME_OK]: 'ok',
  [Outcome.OUTCOME_CLIENT_ERROR]: 'client error',
  [Outcome.OUTCOME_SERVER_ERROR]: 'server error',
};

/** Renders a report as an aligned text table over the grouped columns. */
export function formatUsage(report: UsageReport, groupBy: string[]): string {
  const cell = (r: UsageRow, k: string): string => {
    if (k === 'outcome') return OUTCOME_NAMES[r.outcome] ?? '-';
    const v = (r as unknown as Record<string, string | number | undefined>)[k];
    return v === undefined ? '' : String(v);
  };
  const rows = report.rows.map((r) => [...groupBy.map((k) => cell(r, k)), String(r.count)]);
  const head = [...groupBy, 'count'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `total ${report.total}`].join('\n');
}

/** Runs the usage command. */
export async function runUsage(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    by: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    consumer: { type: 'string' },
    provider: { type: 'string' },
    ...CONNECT_OPTIONS,
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE_HELP}\n`);
    return 0;
  }
  const groupBy = (values.by ?? 'consumer,outcome').split(',').filter(Boolean);
  const unknown = groupBy.filter((d) => !DIMENSIONS.includes(d));
  if (unknown.length > 0) throw new UsageError(`--by takes ${DIMENSIONS.join(', ')}; not ${unknown.join(', ')}`);
  const { fromDay, toDay } = period(values.from, values.to);
  const nc = await connectWith(natsSettings(values));
  try {
    const report = await fetchUsage(nc, {
      groupBy,
      fromDay,
      toDay,
      consumer: values.consumer ?? '',
      provider: values.provider ?? '',
    });
    process.stdout.write(values.json ? `${JSON.stringify(UsageReport.toJSON(report), null, 2)}\n` : `${formatUsage(report, groupBy)}\n`);
    return 0;
  } finally {
    await nc.close();
  }
}
