// Every setting of the routing service, with its default.
import { ConfigError, envBool, envEnum, envInt, envString, loadCommonConfig, type CommonConfig, type Env } from '@ndxp/runtime';
import type { QuotaUnreachable } from './consumer-limiter';

/** When the replay memory is shared with the other replicas. */
export const REPLAY_SHARED = ['auto', 'always', 'off'] as const;
export type ReplayShared = (typeof REPLAY_SHARED)[number];

/** Routing configuration. */
export interface RoutingConfig extends CommonConfig {
  /** Deadline applied when a request carries none, ms. */
  defaultTimeoutMs: number;
  /** Longest a request may wait for its adapter whatever its deadline says, ms. */
  maxTimeoutMs: number;
  /** How long a JetStream metering publish may take before the request fails closed, ms. */
  meterTimeoutMs: number;
  /** Full registry re-sync period, ms (change events keep it current in between). */
  registryResyncMs: number;
  /** Largest request (headers plus payload) routing accepts, bytes; larger is client.too_large. */
  maxRequestBytes: number;
  /** Most metering events in one JetStream message; 1 sends each alone with the request id as message id. */
  meterMaxBatch: number;
  /**
   * Rate limits and daily quotas held across every routing replica (on): the rate shared by the
   * replicas alive, the quota counted once in the JetStream key-value bucket ndxp_limits. Off: each
   * replica enforces every limit on its own (n replicas admit up to n times over).
   */
  sharedLimits: boolean;
  /** What a quota check does when ndxp_limits cannot be reached: closed (server.unavailable) or open (admit). */
  quotaUnreachable: QuotaUnreachable;
  /** Longest one operation on ndxp_limits may take, ms. */
  limitsTimeoutMs: number;
  /** How long a request id's answer is remembered for replays, ms (0 turns replay detection off). */
  replayWindowMs: number;
  /** Most request ids remembered (LRU; 0 turns replay detection off). */
  replayCacheEntries: number;
  /** Most bytes of remembered answers (payload, header text, 256 per entry); beyond it the oldest are forgotten. */
  replayCacheBytes: number;
  /**
   * Share the replay memory with the other routing replicas (a JetStream key-value bucket), so that a
   * replay landing on any replica is answered without a second national-system call: auto (while
   * another replica is alive), always, or off.
   */
  replayShared: ReplayShared;
  /**
   * Longest one shared-memory operation may take before the replica serves the request as new, ms
   * (at most half the request's budget).
   */
  replaySharedTimeoutMs: number;
  /**
   * Answer only requests whose reply subject is the consumer's own inbox (_INBOX.<consumer>.) or a
   * trusted prefix; otherwise only replies under _INBOX. are answered. A request with any other reply
   * subject is dropped unanswered and unmetered (it was not sent by the consumer its subject names).
   */
  strictReply: boolean;
  /** Reply prefixes trusted to carry any consumer's requests (the gRPC gateway's inbox). */
  trustedReplyPrefixes: string[];
}

/** Reads the routing configuration from the environment; throws ConfigError on bad values. */
export function loadConfig(env: Env): RoutingConfig {
  return {
    ...loadCommonConfig(env, 'routing'),
    defaultTimeoutMs: envInt(env, 'ROUTING_DEFAULT_TIMEOUT_MS', 5_000, 1, 600_000),
    maxTimeoutMs: envInt(env, 'ROUTING_MAX_TIMEOUT_MS', 60_000, 1, 3_600_000),
    meterTimeoutMs: envInt(env, 'ROUTING_METER_TIMEOUT_MS', 5_000, 100, 60_000),
    registryResyncMs: envInt(env, 'ROUTING_REGISTRY_RESYNC_MS', 30_000, 1_000, 3_600_000),
    maxRequestBytes: envInt(env, 'ROUTING_MAX_REQUEST_BYTES', 262_144, 1, 64 * 1024 * 1024),
    meterMaxBatch: envInt(env, 'ROUTING_METER_MAX_BATCH', 256, 1, 4_096),
    sharedLimits: envBool(env, 'ROUTING_SHARED_LIMITS', true),
    quotaUnreachable: envEnum(env, 'ROUTING_QUOTA_UNREACHABLE', ['closed', 'open'] as const, 'closed'),
    limitsTimeoutMs: envInt(env, 'ROUTING_LIMITS_TIMEOUT_MS', 1_000, 10, 10_000),
    replayWindowMs: envInt(env, 'ROUTING_REPLAY_WINDOW_MS', 600_000, 0, 86_400_000),
    replayCacheEntries: envInt(env, 'ROUTING_REPLAY_CACHE_ENTRIES', 100_000, 0, 10_000_000),
    replayCacheBytes: envInt(env, 'ROUTING_REPLAY_CACHE_BYTES', 64 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
    replayShared: envEnum(env, 'ROUTING_REPLAY_SHARED', REPLAY_SHARED, 'auto'),
    replaySharedTimeoutMs: envInt(env, 'ROUTING_REPLAY_SHARED_TIMEOUT_MS', 1_000, 10, 10_000),
    strictReply: envBool(env, 'ROUTING_STRICT_REPLY', true),
    trustedReplyPrefixes: envString(env, 'ROUTING_TRUSTED_REPLY_PREFIXES', '_INBOX.gateway.')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (p.endsWith('.') ? p : `${p}.`)),
  };
}

/** Room left under the broker's max_payload for the headers routing adds when it forwards. */
export const FORWARD_HEADROOM_BYTES = 4_096;

/**
 * Checks the request size limit against the broker's max_payload (known once connected): it must
 * leave FORWARD_HEADROOM_BYTES, so that no request routing accepts is cut by the broker.
 */
export function checkMaxRequestBytes(maxRequestBytes: number, brokerMaxPayload: number | undefined): void {
  if (brokerMaxPayload === undefined) return;
  if (maxRequestBytes > brokerMaxPayload - FORWARD_HEADROOM_BYTES)
    throw new ConfigError(
      `ROUTING_MAX_REQUEST_BYTES=${maxRequestBytes} must be at most the broker's max_payload (${brokerMaxPayload}) minus ${FORWARD_HEADROOM_BYTES} bytes for forwarding headers`,
    );
}
