// A stand-in for the registry on NATS, for tests of what follows it (routing, the gateway,
// metering, @ndxp/runtime's syncRegistry): answers Snapshot with the state it holds and publishes
// each change on ndxp.registry.events at the next revision, as the registry does.
import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { headers } from '@nats-io/nats-core';
import { Header, RegistryChange, RegistrySnapshot, STATUS_OK, subjects, type MeshError } from '@ndxp/contracts';

/** A snapshot as a test writes it: any field left out takes its proto default (RegistrySnapshot.fromPartial's input). */
export type RegistrySnapshotInput = Parameters<typeof RegistrySnapshot.fromPartial>[0];

/** One change as a test writes it (the oneof of RegistryChange, fields left out take their defaults). */
export type RegistryChangeInput = NonNullable<NonNullable<Parameters<typeof RegistryChange.fromPartial>[0]>['change']>;

type RegistryChangeCase = NonNullable<RegistryChange['change']>;

/** How the stand-in answers. */
export interface FakeRegistryOptions {
  /** The state at start (default: empty, revision 1). */
  snapshot?: RegistrySnapshotInput;
  /** For a test that keeps its own state: every Snapshot is answered with what this returns. */
  answer?: () => RegistrySnapshot;
}

/** A running stand-in registry. */
export interface FakeRegistry {
  /** The Snapshot responder's subscription. */
  readonly subscription: Subscription;
  /** Revision of the held state. */
  readonly revision: number;
  /** Snapshot requests answered (or refused) so far. */
  readonly snapshotRequests: number;
  /** The state a Snapshot request is answered with now. */
  snapshot(): RegistrySnapshot;
  /** Replaces the held state (its revision included) without publishing anything. */
  load(snapshot: RegistrySnapshotInput): void;
  /** Applies a change at the next revision and publishes its event (unless `lost`); resolves with the revision. */
  change(change: RegistryChangeInput, options?: { lost?: boolean }): Promise<number>;
  /** Publishes an event as given, without applying it (a duplicate, a stale or a skipping event). */
  emit(change: RegistryChange): Promise<void>;
  /** Answers Snapshot with this error from now on (undefined: answers again). */
  refuse(error: MeshError | undefined): void;
  /** Stops answering Snapshot. */
  stop(): void;
}

/** Serves Snapshot on `nc` from the held state until stopped. */
export function serveFakeRegistry(nc: NatsConnection, options: FakeRegistryOptions = {}): FakeRegistry {
  let state = RegistrySnapshot.fromPartial({ revision: 1, ...options.snapshot });
  let refusal: MeshError | undefined;
  let requests = 0;
  const current = (): RegistrySnapshot => options.answer?.() ?? state;
  const subscription = nc.subscribe(subjects.registry('Snapshot'), {
    callback: (_e, m) => {
      requests++;
      const h = headers();
      if (refusal) {
        refusal.writeHeaders(h);
        m.respond(new Uint8Array(0), { headers: h });
        return;
      }
      h.set(Header.Status, STATUS_OK);
      m.respond(RegistrySnapshot.encode(current()).finish(), { headers: h });
    },
  });
  const publish = async (change: RegistryChange): Promise<void> => {
    nc.publish(subjects.registryEvents, RegistryChange.encode(change).finish());
    await nc.flush();
  };
  return {
    subscription,
    get revision() {
      return state.revision;
    },
    get snapshotRequests() {
      return requests;
    },
    snapshot: current,
    load: (snapshot) => {
      state = RegistrySnapshot.fromPartial(snapshot);
    },
    change: async (input, opts = {}) => {
      const event = RegistryChange.fromPartial({ revision: state.revision + 1, change: input });
      state = { ...(event.change ? applyChange(state, event.change) : state), revision: event.revision };
      if (!opts.lost) await publish(event);
      return state.revision;
    },
    emit: publish,
    refuse: (error) => {
      refusal = error;
    },
    stop: () => subscription.unsubscribe(),
  };
}

/** The snapshot after one change, as the registry's store would hold it. */
function applyChange(s: RegistrySnapshot, c: RegistryChangeCase): RegistrySnapshot {
  switch (c.$case) {
    case 'granted':
    case 'revoked': {
      const g = c.value;
      const others = s.grants.filter((x) => !(x.consumer === g.consumer && x.provider === g.provider && x.service === g.service));
      return { ...s, grants: c.$case === 'granted' ? [...others, g] : others };
    }
    case 'serviceRegistered': {
      const v = c.value;
      const others = s.services.filter((x) => !(x.provider === v.provider && x.service === v.service && x.version === v.version));
      return { ...s, services: [...others, v] };
    }
    case 'memberRegistered': {
      const v = c.value;
      return { ...s, members: [...s.members.filter((x) => !(x.memberClass === v.memberClass && x.memberCode === v.memberCode)), v] };
    }
    case 'subsystemRegistered':
      return { ...s, subsystems: [...s.subsystems.filter((x) => x.token !== c.value.token), c.value] };
    case 'limitsSet':
      return { ...s, limits: [...s.limits.filter((x) => x.consumer !== c.value.consumer), c.value] };
    case 'credentialIssued':
    case 'credentialRevoked': {
      const v = c.value;
      const same = (x: typeof v): boolean => x.consumer === v.consumer && x.keyId === v.keyId;
      const held = s.credentials.find(same);
      // A revocation event names the credential; the store keeps its hash and marks it revoked.
      const next = c.$case === 'credentialRevoked' && held ? { ...held, revokedAtMs: v.revokedAtMs } : v;
      return { ...s, credentials: [...s.credentials.filter((x) => !same(x)), next] };
    }
    case 'accessTokenRevoked':
      return { ...s, revokedAccessTokens: [...s.revokedAccessTokens.filter((x) => x.keyId !== c.value.keyId), c.value] };
    case 'accessTokenIssued':
      return s;
  }
}
