// The caller of an API over NATS: the broker lets only the ops role publish to the registry's and
// metering's API subjects (services may ask for the registry's Snapshot), so a call that arrives
// there carries the ops role by the broker's word; there is no per-person identity on NATS.
import type { Caller } from './roles';

/** The caller every NATS API handler sees. */
export const NATS_OPS_CALLER: Caller = {
  identity: 'nats:ops',
  roles: ['ops', 'oversight'],
  via: 'nats',
  peer: '',
  keyId: '',
  expiresAtMs: 0,
};
