// Least-privilege permissions of every role on the mesh, derived from the subject scheme
// (design section 3). An LGSP may publish only under its own consumer token and read only its own
// inbox and its own durable event consumer; each service may touch only the subjects it serves.
import type { Permissions } from '@nats-io/jwt';
import { EVENTS_STREAM, LIMITS_BUCKET, METER_DURABLE, METER_STREAM, REPLAY_BUCKET, subjects } from '@ndxp/contracts';

/** Who a NATS user is. */
export type Role =
  | { kind: 'lgsp'; consumer: string }
  | { kind: 'routing' }
  | { kind: 'metering' }
  | { kind: 'registry' }
  | { kind: 'adapter'; provider: string; kvBuckets?: readonly string[] }
  | { kind: 'gateway' }
  | { kind: 'ops' };

/** Name of the durable event consumer of one LGSP on the events stream. */
export const lgspEventsDurable = (consumer: string): string => `lgsp-${consumer}-orders`;

/** The reply inbox prefix a role's connection must use (its subscribe permission pins it). */
export function inboxPrefixFor(role: Role): string {
  switch (role.kind) {
    case 'lgsp':
      return subjects.inboxPrefix(role.consumer);
    case 'adapter':
      return `_INBOX.adapter-${role.provider}`;
    default:
      return `_INBOX.${role.kind}`;
  }
}

/** A user name for the role (shown in the broker's logs and monitoring). */
export function roleName(role: Role): string {
  if (role.kind === 'lgsp') return role.consumer;
  if (role.kind === 'adapter') return `adapter-${role.provider}`;
  return role.kind;
}

/** Answers to requests a role received (replies to routing's or an LGSP's inbox), and nothing else. */
const RESPONSES = { max: 1, ttl: 0 };
const SRV = ['$SRV.>'];
const jsStream = (stream: string): string[] => [
  '$JS.API.INFO',
  `$JS.API.STREAM.INFO.${stream}`,
  `$JS.API.STREAM.CREATE.${stream}`,
  `$JS.API.STREAM.UPDATE.${stream}`,
];
/** A JetStream key-value bucket: its stream (open or create it), reads (direct or not) and writes. */
const kvBucket = (bucket: string): string[] => [
  ...jsStream(`KV_${bucket}`).filter((s) => s !== '$JS.API.INFO'),
  `$JS.API.STREAM.MSG.GET.KV_${bucket}`,
  `$JS.API.DIRECT.GET.KV_${bucket}`,
  `$JS.API.DIRECT.GET.KV_${bucket}.>`,
  `$KV.${bucket}.>`,
];
/** Where the ops tool `ndxp seed-history` publishes MeterEventBatch messages (never live metering subjects). */
export const OPS_SEED_BATCHES = 'ndxp.meter._seed.>';

/** The permissions of a role. */
export function permissionsFor(role: Role): Permissions {
  const inbox = `${inboxPrefixFor(role)}.>`;
  switch (role.kind) {
    case 'lgsp': {
      const durable = lgspEventsDurable(role.consumer);
      return {
        pub: {
          allow: [
            `ndxp.req.${role.consumer}.>`,
            '$JS.API.INFO',
            // The client checks the events stream exists before binding (configuration and counts only).
            `$JS.API.STREAM.INFO.${EVENTS_STREAM}`,
            // Binds to and pulls from its own durable, which ops created (ensureLgspEventsConsumer):
            // no right to create consumers, whose deliver subject could point anywhere.
            `$JS.API.CONSUMER.INFO.${EVENTS_STREAM}.${durable}`,
            `$JS.API.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${durable}`,
            `$JS.ACK.${EVENTS_STREAM}.${durable}.>`,
          ],
        },
        sub: { allow: [inbox] },
      };
    }
    case 'routing':
      return {
        pub: {
          allow: [
            'ndxp.svc.>',
            'ndxp.meter.>',
            subjects.registry('Snapshot'),
            ...jsStream(METER_STREAM),
            // The replay memory the routing replicas share (claims and answers by request id).
            ...kvBucket(REPLAY_BUCKET),
            // The daily quota counts the routing replicas share.
            ...kvBucket(LIMITS_BUCKET),
            // Giving back a dead replica's quota block: its meter batches are counted with ordered
            // consumers of its own (pull, no ack, filtered to that replica's batch subject).
            `$JS.API.CONSUMER.CREATE.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.CREATE.${METER_STREAM}.*.>`,
            `$JS.API.CONSUMER.INFO.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.MSG.NEXT.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.DELETE.${METER_STREAM}.*`,
            subjects.routingPeers,
          ],
        },
        sub: { allow: [subjects.requestAll, subjects.registryEvents, subjects.routingPeers, inbox, ...SRV] },
        resp: RESPONSES,
      };
    case 'metering':
      return {
        pub: {
          allow: [
            ...jsStream(METER_STREAM),
            // The registry snapshot (consumer and provider names for reports, token keys), and the
            // ledger's chain head it exports to the audit trail.
            subjects.registry('Snapshot'),
            subjects.registry('RecordLedgerHead'),
            `$JS.API.CONSUMER.CREATE.${METER_STREAM}.${METER_DURABLE}`,
            `$JS.API.CONSUMER.CREATE.${METER_STREAM}.${METER_DURABLE}.>`,
            `$JS.API.CONSUMER.DURABLE.CREATE.${METER_STREAM}.${METER_DURABLE}`,
            `$JS.API.CONSUMER.INFO.${METER_STREAM}.${METER_DURABLE}`,
            `$JS.API.CONSUMER.MSG.NEXT.${METER_STREAM}.${METER_DURABLE}`,
            `$JS.ACK.${METER_STREAM}.${METER_DURABLE}.>`,
            // Reconciliation walks the stream with ordered consumers of its own (pull, no ack, named
            // metering_reconcile_<nuid>_<n>; a subject cannot match a name prefix, hence the wildcard).
            `$JS.API.CONSUMER.CREATE.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.INFO.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.MSG.NEXT.${METER_STREAM}.*`,
            `$JS.API.CONSUMER.DELETE.${METER_STREAM}.*`,
          ],
        },
        // Registry events: revoked access tokens are refused on metering's APIs as soon as they come.
        sub: { allow: [subjects.metering('*'), subjects.registryEvents, inbox, ...SRV] },
        resp: RESPONSES,
      };
    case 'registry':
      return {
        pub: {
          allow: [
            subjects.registryEvents,
            // Onboarding an LGSP when it issues its NATS credential: the events stream and the LGSP's
            // own durable (ensureLgspEventsConsumer), which the LGSP itself may only read.
            ...jsStream(EVENTS_STREAM),
            `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.*.>`,
            `$JS.API.CONSUMER.INFO.${EVENTS_STREAM}.*`,
          ],
        },
        sub: { allow: [subjects.registry('*'), inbox, ...SRV] },
        resp: RESPONSES,
      };
    case 'adapter':
      return {
        pub: {
          allow: [
            `ndxp.evt.*.${role.provider}.>`,
            subjects.registry('Snapshot'),
            ...jsStream(EVENTS_STREAM),
            // Its own key-value buckets (e.g. the VNPost feed cursor), named in the role.
            ...(role.kvBuckets ?? []).flatMap(kvBucket),
          ],
        },
        sub: { allow: [`ndxp.svc.${role.provider}.>`, subjects.registryEvents, inbox, ...SRV] },
        resp: RESPONSES,
      };
    case 'gateway':
      // Trusted to publish for any consumer: it authenticates each LGSP itself (token or client certificate).
      return {
        pub: { allow: [`${subjects.requestAll}`, subjects.registry('Snapshot')] },
        sub: { allow: [subjects.registryEvents, inbox, ...SRV] },
        // Answers to $SRV.PING/INFO/STATS (its NATS service discovery presence).
        resp: RESPONSES,
      };
    case 'ops':
      return {
        pub: {
          allow: [
            subjects.registry('*'),
            subjects.metering('*'),
            '$SRV.>',
            OPS_SEED_BATCHES,
            // Onboarding an LGSP: create and inspect durables on the events stream (ensureLgspEventsConsumer).
            '$JS.API.INFO',
            `$JS.API.STREAM.INFO.${EVENTS_STREAM}`,
            `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.*.>`,
            `$JS.API.CONSUMER.INFO.${EVENTS_STREAM}.*`,
          ],
        },
        // Registry change events: tools wait on them to see a change applied.
        sub: { allow: [inbox, subjects.registryEvents] },
      };
  }
}
