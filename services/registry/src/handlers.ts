// The one handler table of the registry API: both transports (NATS and gRPC) call these.
import { MeshError, type RegistryChange, type RegistryDefinition, type Grant } from '@ndxp/contracts';
import type { CallContext } from '@ndxp/runtime';
import type { RegistryStore } from '@ndxp/store';
import { createAccessHandlers } from './access-handlers';
import { createAuditHandlers } from './audit-trail';
import { createTokenHandlers, type TokenLifetimes } from './token-handlers';
import type { TokenSigner } from './token-signer';
import type { BrokerAuthority } from './broker-authority';
import { invalid, validateGrantKey, validateMember, validateService, validateSubsystem, validateTokenFilter } from './validation';

/** The registry's methods as ts-proto describes them (request and response codecs by name). */
export type RegistryMethods = typeof RegistryDefinition.methods;
/** Key of a method of ndxp.registry.v1.Registry (snapshot, grant...). */
export type RegistryMethod = keyof RegistryMethods;
/** Decoded request message of a method. */
export type RequestOf<K extends RegistryMethod> = ReturnType<RegistryMethods[K]['requestType']['decode']>;
/** Response message of a method. */
export type ResponseOf<K extends RegistryMethod> = ReturnType<RegistryMethods[K]['responseType']['decode']>;
/** One async function per method; failures are MeshError. */
export type RegistryHandlers = { [K in RegistryMethod]: (request: RequestOf<K>, context?: CallContext) => Promise<ResponseOf<K>> };

/** What the handlers need: the store, and where to announce each stored change. */
export interface HandlerDeps {
  store: RegistryStore;
  /** Called once per revision bump, in revision order, right after the change is stored. */
  publish: (change: RegistryChange) => void;
  now?: () => number;
  /** Signs NATS credentials and pushes revocations; without it those answer server.unavailable. */
  authority?: BrokerAuthority | undefined;
  /** Signs access tokens; its public key goes out in every snapshot. */
  signer: TokenSigner;
  /** Default 1 hour, at most 24 hours. */
  lifetimes?: TokenLifetimes;
}

const MEMBER_CLASS = /^[A-Z0-9]+$/;
/** Token lifetimes when none are configured: 1 hour by default, 24 hours at most. */
export const DEFAULT_LIFETIMES: TokenLifetimes = { defaultS: 3_600, maxS: 86_400 };

/** Builds the handler table. Changes are serialised so their events leave in revision order. */
export function createHandlers({
  store,
  publish,
  now = Date.now,
  authority,
  signer,
  lifetimes = DEFAULT_LIFETIMES,
}: HandlerDeps): RegistryHandlers {
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };

  return {
    snapshot: async () => ({ ...(await store.snapshot()), tokenKeys: [signer.publicKey] }),

    listMembers: async ({ memberClass }) => {
      if (memberClass && !MEMBER_CLASS.test(memberClass))
        invalid('member_class', `member class must match [A-Z0-9]+, got ${JSON.stringify(memberClass)}`);
      const snap = await store.snapshot();
      const members = snap.members.filter((m) => !memberClass || m.memberClass === memberClass);
      const subsystems = snap.subsystems.filter((s) => !memberClass || s.memberClass === memberClass);
      return { members, subsystems };
    },

    getMember: async ({ memberClass, memberCode }) => {
      if (!MEMBER_CLASS.test(memberClass)) invalid('member_class', `member class must match [A-Z0-9]+, got ${JSON.stringify(memberClass)}`);
      if (!MEMBER_CLASS.test(memberCode)) invalid('member_code', `member code must match [A-Z0-9]+, got ${JSON.stringify(memberCode)}`);
      const snap = await store.snapshot();
      const member = snap.members.find((m) => m.memberClass === memberClass && m.memberCode === memberCode);
      if (!member) throw new MeshError('client.not_found', `no member ${memberClass}/${memberCode}`, { field: 'member_code' });
      const subsystems = snap.subsystems.filter((s) => s.memberClass === memberClass && s.memberCode === memberCode);
      const tokens = new Set(subsystems.map((s) => s.token));
      const grants = snap.grants.filter((g) => tokens.has(g.consumer) || tokens.has(g.provider));
      return { member, subsystems, grants };
    },

    registerMember: async (req) => {
      const member = validateMember(req.member);
      const subsystems = req.subsystems.map((s, i) => validateSubsystem(s, member, `subsystems[${i}]`));
      // One store call per row, so each revision bump carries exactly one change event.
      return serial(async () => {
        let result = await store.upsertMember(member, []);
        if (result.changed) publish({ revision: result.revision, change: { $case: 'memberRegistered', value: member } });
        for (const s of subsystems) {
          result = await store.upsertMember(member, [s]);
          if (result.changed) publish({ revision: result.revision, change: { $case: 'subsystemRegistered', value: s } });
        }
        return { revision: result.revision };
      });
    },

    listServices: async () => ({ services: (await store.snapshot()).services }),

    registerService: async (req) => {
      const service = validateService(req.service);
      return serial(async () => {
        const result = await store.upsertService(service);
        if (result.changed) publish({ revision: result.revision, change: { $case: 'serviceRegistered', value: service } });
        return { revision: result.revision };
      });
    },

    listGrants: async ({ consumer, provider }) => {
      validateTokenFilter(consumer, 'consumer');
      validateTokenFilter(provider, 'provider');
      return { grants: await store.listGrants({ consumer, provider }) };
    },

    grant: async (req) => {
      validateGrantKey(req);
      const grant: Grant = { consumer: req.consumer, provider: req.provider, service: req.service, grantedAtMs: now() };
      return serial(async () => {
        const result = await store.grant(grant);
        if (result.changed) publish({ revision: result.revision, change: { $case: 'granted', value: grant } });
        return result;
      });
    },

    revoke: async (req) => {
      validateGrantKey(req);
      const grant: Grant = { consumer: req.consumer, provider: req.provider, service: req.service, grantedAtMs: 0 };
      return serial(async () => {
        const result = await store.revoke(grant);
        if (result.changed) publish({ revision: result.revision, change: { $case: 'revoked', value: grant } });
        return result;
      });
    },

    ...createAccessHandlers({ store, publish, now, serial, authority }),
    ...createTokenHandlers({ store, signer, lifetimes, publish, now, serial }),
    ...createAuditHandlers(store),
  };
}
