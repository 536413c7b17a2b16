// Who may call each metering method and HTTP route (issue 13): one rule each, checked before the
// handler runs. Reports name every agency's usage, so they are for oversight and ops; a data owner
// or an LGSP may read usage limited to its own national system or its own consumer.
import type { MeteringDefinition, UsageQuery } from '@ndxp/contracts';
import type { AccessRule } from '@ndxp/runtime';

type MeteringMethod = keyof typeof MeteringDefinition.methods;

const OPS_OR_OVERSIGHT = { roles: ['ops', 'oversight'] } as const;

/** Usage limited to a data owner's own system or an LGSP's own consumer is theirs to read. */
const usageRule: AccessRule<UsageQuery> = { ...OPS_OR_OVERSIGHT, owner: (q) => q.provider, lgsp: (q) => q.consumer };

/** The access rule of every metering gRPC method. */
export const METERING_ACCESS: Record<MeteringMethod, AccessRule<never>> = {
  getUsage: usageRule,
  getTransaction: OPS_OR_OVERSIGHT,
  ledgerStats: OPS_OR_OVERSIGHT,
  getReport: OPS_OR_OVERSIGHT,
  getConnected: OPS_OR_OVERSIGHT,
  getCompliance: OPS_OR_OVERSIGHT,
  verifyLedger: OPS_OR_OVERSIGHT,
  reconcileLedger: OPS_OR_OVERSIGHT,
};

/** The access rule of every HTTP route (by path); the HTTP API answers 404 for any other path. */
export const HTTP_ACCESS: Record<string, AccessRule<never>> = {
  '/healthz': { public: true, why: 'liveness probes carry no credentials; it says "ok" and nothing else' },
  '/signin': { public: true, why: 'the sign-in page and form: where a person without a session starts' },
  '/signout': { public: true, why: 'clears the session cookie; needs nothing to do that' },
  '/': OPS_OR_OVERSIGHT,
  '/dashboard': OPS_OR_OVERSIGHT,
  '/api/report': OPS_OR_OVERSIGHT,
  '/api/connected': OPS_OR_OVERSIGHT,
  '/api/compliance': OPS_OR_OVERSIGHT,
};
