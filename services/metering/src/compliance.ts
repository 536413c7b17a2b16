// Compliance with the deadline rule: for each ministry (BO-*) and province (TINH-*) of the registry,
// whether its LGSP had an ok answer from every required system on or before the date.
import type { RegistrySnapshot } from '@ndxp/contracts';
import { DEADLINE_RULE, LGSP_SUBSYSTEM, type RuleClass } from './deadline-rule';
import type { ComplianceReport, ComplianceRow } from '@ndxp/contracts';

/** A consumer's first ok day per provider. */
export interface FirstOk {
  consumer: string;
  provider: string;
  day: string;
}

const CLASS_ORDER: RuleClass[] = ['BO', 'TINH'];

/** Builds the compliance report for a date (YYYY-MM-DD) from the registry and the first-ok aggregate. */
export function buildCompliance(snapshot: RegistrySnapshot, firstOk: FirstOk[], date: string): ComplianceReport {
  const first = new Map<string, string>();
  for (const f of firstOk) first.set(`${f.consumer}\u0000${f.provider}`, f.day);
  const members = snapshot.members
    .filter((m): m is typeof m & { memberClass: RuleClass } => m.memberClass === 'BO' || m.memberClass === 'TINH')
    .sort((a, b) => CLASS_ORDER.indexOf(a.memberClass) - CLASS_ORDER.indexOf(b.memberClass) || a.memberCode.localeCompare(b.memberCode));
  const rows: ComplianceRow[] = members.map((m) => {
    const lgsp = snapshot.subsystems.find(
      (s) => s.memberClass === m.memberClass && s.memberCode === m.memberCode && s.subsystemCode === LGSP_SUBSYSTEM,
    );
    const consumer = lgsp?.token ?? `${m.memberClass}-${m.memberCode}-${LGSP_SUBSYSTEM}`;
    const required = [...DEADLINE_RULE[m.memberClass]];
    const met = required.flatMap((provider) => {
      const day = first.get(`${consumer}\u0000${provider}`);
      return day !== undefined && day <= date ? [{ provider, firstOkDay: day }] : [];
    });
    const missing = required.filter((p) => !met.some((x) => x.provider === p));
    return {
      member: `${m.memberClass}-${m.memberCode}`,
      name: m.name,
      consumer,
      memberClass: m.memberClass,
      required,
      met,
      missing,
      compliant: missing.length === 0,
    };
  });
  return {
    date,
    rows,
    compliant: rows.filter((r) => r.compliant).length,
    agencies: rows.length,
    notCompliant: rows.filter((r) => !r.compliant).map((r) => r.member),
  };
}
