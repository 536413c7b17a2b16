// Connected versus active: consumers that can call (a valid credential of any kind and a grant;
// grants alone while the registry holds no credentials) and those with an ok call in the period;
// national systems granted to a connected consumer, and those that answered ok.
import { CREDENTIAL_KINDS, type RegistrySnapshot } from '@ndxp/contracts';
import type { ConnectedReport } from '@ndxp/contracts';
import type { LedgerRollupRow } from '@ndxp/store';
import type { Period } from './report-period';

const CALLING_KINDS: ReadonlySet<string> = new Set(CREDENTIAL_KINDS);

/** Builds the connected/active report from the registry and the period's consumer and provider rollups. */
export function buildConnected(
  snapshot: RegistrySnapshot,
  period: Period,
  byConsumer: LedgerRollupRow[],
  byProvider: LedgerRollupRow[],
  nowMs: number = Date.now(),
): ConnectedReport {
  const granted = new Set(snapshot.grants.map((g) => g.consumer));
  const basis = snapshot.credentials.length > 0 ? 'credentials' : 'grants';
  const credentialed = new Set(
    snapshot.credentials
      .filter((c) => CALLING_KINDS.has(c.kind) && !c.revokedAtMs && (!c.expiresAtMs || c.expiresAtMs > nowMs))
      .map((c) => c.consumer),
  );
  const connected = [...granted].filter((c) => basis === 'grants' || credentialed.has(c)).sort();
  const connectedSet = new Set(connected);
  const systems = [...new Set(snapshot.grants.filter((g) => connectedSet.has(g.consumer)).map((g) => g.provider))].sort();
  const active = (rows: LedgerRollupRow[]): string[] =>
    rows
      .filter((r) => r.ok > 0)
      .map((r) => r.key)
      .sort();
  return {
    fromDay: period.fromDay,
    toDay: period.toDay,
    connectedConsumers: connected,
    activeConsumers: active(byConsumer),
    connectedSystems: systems,
    activeSystems: active(byProvider),
    connectedBasis: basis,
  };
}
