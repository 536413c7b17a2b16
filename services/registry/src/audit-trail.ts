// The audit trail of access changes (issue 13): every call of an AUDITED method, however it ended,
// and every refused call, appended with who, what, when and from where to the store's hash-chained
// trail; ListAudit and VerifyAudit read it back.
import { randomUUID } from 'node:crypto';
import { MeshError, type AuditEntry } from '@ndxp/contracts';
import type { CallContext, Logger, Refusal } from '@ndxp/runtime';
import type { RegistryStore } from '@ndxp/store';
import type { RegistryHandlers, RegistryMethod } from './handlers';
import { AUDITED } from './registry-access';

type AuditMethods = Pick<RegistryHandlers, 'listAudit' | 'verifyAudit' | 'recordLedgerHead'>;

/** Most records ListAudit returns at once. */
export const MAX_AUDIT_PAGE = 1000;

/** Appends entries; a failed append is logged, never thrown into the call it records. */
export class AuditTrail {
  constructor(
    private readonly store: RegistryStore,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one call. */
  async record(entry: Omit<AuditEntry, 'id' | 'atMs'>): Promise<void> {
    const full: AuditEntry = { id: randomUUID(), atMs: this.now(), ...entry };
    try {
      await this.store.appendAudit(full);
    } catch (err) {
      this.logger.error({ err, action: full.action, actor: full.actor, outcome: full.outcome }, 'cannot append to the audit trail');
    }
  }

  /** Records a refused call (unauthenticated or not allowed). */
  refused(r: Refusal): Promise<void> {
    return this.record({
      actor: r.caller?.identity ?? '(unauthenticated)',
      actorRoles: [...(r.caller?.roles ?? [])],
      via: r.via,
      peer: r.peer,
      action: r.method,
      target: '',
      outcome: 'refused',
      code: r.error.code,
    });
  }

  /** The handlers with every AUDITED method's calls recorded after they end. */
  wrap(handlers: RegistryHandlers, names: Record<RegistryMethod, string>): RegistryHandlers {
    const out = { ...handlers } as Record<string, (request: never, context?: CallContext) => Promise<unknown>>;
    for (const key of Object.keys(AUDITED) as RegistryMethod[]) {
      const target = AUDITED[key] as (request: unknown) => string;
      const handle = out[key]!;
      out[key] = async (request, context) => {
        const base = {
          actor: context?.caller?.identity ?? '',
          actorRoles: [...(context?.caller?.roles ?? [])],
          via: context?.caller?.via ?? 'nats',
          peer: context?.peer ?? '',
          action: names[key],
          target: target(request),
        };
        try {
          const result = await handle(request, context);
          await this.record({ ...base, outcome: 'ok', code: '' });
          return result;
        } catch (err) {
          await this.record({ ...base, outcome: 'failed', code: MeshError.from(err).code });
          throw err;
        }
      };
    }
    return out as unknown as RegistryHandlers;
  }
}

/** ListAudit and VerifyAudit. */
export function createAuditHandlers(store: RegistryStore): AuditMethods {
  return {
    listAudit: async ({ fromSeq, limit }) => {
      if (limit > MAX_AUDIT_PAGE)
        throw new MeshError('client.invalid_argument', `limit must be at most ${MAX_AUDIT_PAGE}`, { field: 'limit' });
      return store.listAudit(fromSeq, limit === 0 ? 100 : limit);
    },
    // The head itself is the audit entry (AUDITED writes it): here only its form is checked.
    recordLedgerHead: async ({ instance, seq, hash }) => {
      if (!/^[0-9a-f]{64}$/.test(hash))
        throw new MeshError('client.invalid_argument', 'hash must be 64 lowercase hex digits', { field: 'hash' });
      if (!/^[\x21-\x7e]{1,128}$/.test(instance))
        throw new MeshError('client.invalid_argument', 'instance must be 1-128 printable characters', { field: 'instance' });
      if (!Number.isSafeInteger(seq)) throw new MeshError('client.invalid_argument', 'seq is out of range', { field: 'seq' });
      return {};
    },
    verifyAudit: async () => {
      const v = await store.verifyAudit();
      return {
        ok: v.ok,
        checked: v.checked,
        tailSeq: v.tailSeq,
        tailHash: v.tailHash,
        problem: v.problem ?? '',
        badSeq: v.badSeq ?? 0,
        badId: v.badRequestId ?? '',
        detail: v.detail ?? '',
      };
    },
  };
}
