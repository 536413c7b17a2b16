// What the routing integration tests share: a configuration with test defaults (each test names
// only what it changes), the registry's Snapshot stand-in, and readers of what routing wrote.
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { RegistrySnapshot } from '@ndxp/contracts';
import { serveFakeRegistry } from '@ndxp/testing';
import type { startRouting } from './routing';

/** What startRouting takes as its configuration. */
export type TestRoutingConfig = Parameters<typeof startRouting>[0]['config'];

/** Routing's settings for a test: its defaults but shorter timeouts, and any _INBOX. reply answered. */
export function testRoutingConfig(instanceId: string, overrides: Partial<TestRoutingConfig> = {}): TestRoutingConfig {
  return {
    defaultTimeoutMs: 3000,
    maxTimeoutMs: 5000,
    meterTimeoutMs: 2000,
    registryResyncMs: 60_000,
    maxRequestBytes: 262_144,
    instanceId,
    meterMaxBatch: 256,
    sharedLimits: true,
    quotaUnreachable: 'closed',
    limitsTimeoutMs: 1000,
    replayWindowMs: 600_000,
    replayCacheEntries: 100_000,
    replayCacheBytes: 64 * 1024 * 1024,
    replayShared: 'auto',
    replaySharedTimeoutMs: 1000,
    // Plain connections reply on _INBOX.<nuid>: any _INBOX. reply is answered (strict mode is in reply-check.test.ts).
    strictReply: false,
    trustedReplyPrefixes: [],
    streamReplicas: 1,
    ...overrides,
  };
}

/** Answers the registry's Snapshot request with `snapshot()`, as the registry would (@ndxp/testing's fake registry). */
export function serveRegistrySnapshot(nc: NatsConnection, snapshot: () => RegistrySnapshot): Subscription {
  return serveFakeRegistry(nc, { answer: snapshot }).subscription;
}

/** Header name/value pairs of an answer, in order. */
export function headerPairs(m: Msg): Array<[string, string]> {
  const h = m.headers;
  return h ? h.keys().map((k) => [k, h.get(k)]) : [];
}
