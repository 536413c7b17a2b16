// `ndxp limits set|show`: a consumer's rate limit and daily quota, kept in the registry and
// enforced by routing (answered with client.rate_limited).
import { RegistryDefinition } from '@ndxp/contracts';
import { parse, UsageError } from './args';
import { ADMIN_CONNECT_HELP, ADMIN_CONNECT_OPTIONS, connectAdmin, printTable } from './credentials';
import { ask } from './queries';

const M = RegistryDefinition.methods;

export const LIMITS_HELP = `Usage: ndxp limits set <consumer> --rate <n>/s [--burst <n>] [--daily-quota <n>]
       ndxp limits show [<consumer>]

set   replaces the consumer's limits: --rate sustained requests per second (0: none), --burst requests
      allowed at once (default: the rate), --daily-quota requests per calendar day (0 or absent: none).
      All zero removes the limits. Routing applies them within a second.
show  the limits of one consumer or of every consumer that has some (the others are unlimited).
${ADMIN_CONNECT_HELP}
Example: ndxp limits set TINH-01-LGSP --rate 50/s --burst 100 --daily-quota 200000`;

/** A non-negative integer option; `perSecond` also accepts the form 50/s. */
export function parseCount(name: string, text: string, perSecond = false): number {
  const m = (perSecond ? /^(\d+)(?:\/s)?$/ : /^(\d+)$/).exec(text.trim());
  if (!m || !Number.isSafeInteger(Number(m[1])))
    throw new UsageError(`--${name} must be a whole number${perSecond ? ' (or n/s)' : ''}, got ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** Runs one limits subcommand; returns the exit status. */
export async function runLimits(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...ADMIN_CONNECT_OPTIONS,
    rate: { type: 'string' },
    burst: { type: 'string' },
    'daily-quota': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(`${LIMITS_HELP}\n`);
    return 0;
  }
  const [action, consumer, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (action === 'set') {
    if (!consumer) throw new UsageError('give the <consumer>, e.g. TINH-01-LGSP');
    if (values.rate === undefined && values['daily-quota'] === undefined)
      throw new UsageError('give --rate <n>/s and/or --daily-quota <n>');
    const limits = {
      consumer,
      ratePerSecond: values.rate === undefined ? 0 : parseCount('rate', values.rate, true),
      burst: values.burst === undefined ? 0 : parseCount('burst', values.burst),
      dailyQuota: values['daily-quota'] === undefined ? 0 : parseCount('daily-quota', values['daily-quota']),
    };
    const nc = await connectAdmin(values);
    try {
      const res = await ask(nc, 'registry', M.setLimits.name, M.setLimits.requestType, limits, M.setLimits.responseType);
      process.stdout.write(`limits of ${consumer}: ${describe(limits)} (registry revision ${res.revision})\n`);
      return 0;
    } finally {
      await nc.close();
    }
  }
  if (action === 'show') {
    const nc = await connectAdmin(values);
    try {
      const snap = await ask(nc, 'registry', M.snapshot.name, M.snapshot.requestType, {}, M.snapshot.responseType);
      const rows = snap.limits
        .filter((l) => !consumer || l.consumer === consumer)
        .map((l) => [
          l.consumer,
          l.ratePerSecond ? `${l.ratePerSecond}/s` : '-',
          l.burst ? String(l.burst) : '-',
          l.dailyQuota ? String(l.dailyQuota) : '-',
        ]);
      if (consumer && rows.length === 0) process.stdout.write(`${consumer} has no limits (unlimited)\n`);
      else printTable(['CONSUMER', 'RATE', 'BURST', 'DAILY QUOTA'], rows);
      return 0;
    } finally {
      await nc.close();
    }
  }
  throw new UsageError(action ? `unknown action ${JSON.stringify(action)}: use set or show` : 'give an action: set or show');
}

function describe(l: { ratePerSecond: number; burst: number; dailyQuota: number }): string {
  if (!l.ratePerSecond && !l.dailyQuota) return 'none (unlimited)';
  const parts = [l.ratePerSecond ? `${l.ratePerSecond}/s` : 'no rate limit'];
  if (l.burst) parts.push(`burst ${l.burst}`);
  parts.push(l.dailyQuota ? `${l.dailyQuota} a day` : 'no daily quota');
  return parts.join(', ');
}
