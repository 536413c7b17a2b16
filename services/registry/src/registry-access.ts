// Who may call each registry method off NATS (issue 13): one rule per method, checked by the gRPC
// server before the handler runs. TypeScript makes the table complete; serveGrpcApi refuses to
// start when a method has none.
import type { AccessRule } from '@ndxp/runtime';
import type { RegistryMethod, RequestOf } from './handlers';

const OPS = { roles: ['ops'] } as const;
const OPS_OR_OVERSIGHT = { roles: ['ops', 'oversight'] } as const;

/** The access rule of every registry method. */
export const REGISTRY_ACCESS: { [K in RegistryMethod]: AccessRule<RequestOf<K>> } = {
  // The snapshot holds every grant and credential record: the services read it over NATS.
  snapshot: OPS,
  listMembers: OPS_OR_OVERSIGHT,
  getMember: OPS_OR_OVERSIGHT,
  registerMember: OPS,
  listServices: OPS_OR_OVERSIGHT,
  registerService: OPS,
  // A data owner sees who may call its system; an LGSP what it may call.
  listGrants: { ...OPS_OR_OVERSIGHT, owner: (r) => r.provider, lgsp: (r) => r.consumer },
  grant: OPS,
  revoke: OPS,
  setLimits: OPS,
  issueCredential: OPS,
  revokeCredentials: OPS,
  // An LGSP sees the metadata of its own credentials.
  listCredentials: { ...OPS, lgsp: (r) => r.consumer },
  issueAccessToken: OPS,
  revokeAccessTokens: OPS,
  listAccessTokens: OPS,
  listAudit: OPS_OR_OVERSIGHT,
  verifyAudit: OPS_OR_OVERSIGHT,
  // Metering sends it over NATS (the broker lets metering publish only this registry method).
  recordLedgerHead: OPS,
};

/** The methods that change who may do what: each call is appended to the audit trail. */
export const AUDITED: { [K in RegistryMethod]?: (request: RequestOf<K>) => string } = {
  registerMember: (r) => `${r.member?.memberClass ?? ''}-${r.member?.memberCode ?? ''} (${r.subsystems.map((s) => s.token).join(' ')})`,
  registerService: (r) => `${r.service?.provider ?? ''} ${r.service?.service ?? ''} ${r.service?.version ?? ''}`,
  grant: (r) => `${r.consumer} ${r.provider} ${r.service}`,
  revoke: (r) => `${r.consumer} ${r.provider} ${r.service}`,
  setLimits: (r) => `${r.consumer} rate=${r.ratePerSecond}/s burst=${r.burst} daily=${r.dailyQuota}`,
  issueCredential: (r) => `${r.consumer} kind=${r.kind}`,
  revokeCredentials: (r) => `${r.consumer} ${r.keyId || '(all)'}`,
  issueAccessToken: (r) => `${r.identity} roles=${r.roles.join(',')}`,
  revokeAccessTokens: (r) => `${r.identity} ${r.keyId || '(all)'}`,
  recordLedgerHead: (r) => `${r.instance} seq=${r.seq} hash=${r.hash}`,
};
