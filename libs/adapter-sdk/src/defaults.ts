// Every default of an adapter process, in one place: the settings table, the upstream client,
// the breaker and the dispatcher all read them from here.

/** The defaults of the <PREFIX>_… settings every adapter has (the common ones are @ndxp/runtime's COMMON_DEFAULTS). */
export const ADAPTER_DEFAULTS = {
  /** <PREFIX>_DEFAULT_TIMEOUT_MS: the deadline of a request that carries none. */
  requestTimeoutMs: 10_000,
  /**
   * <PREFIX>_UPSTREAM_TIMEOUT_MS: the cap of one upstream attempt when the request has more time left
   * (a 2 s cap turned a national system answering in 3 s inside a 5 s deadline into an outage, issue 14).
   */
  upstreamTimeoutMs: 30_000,
  /** <PREFIX>_UPSTREAM_RETRIES: extra attempts of an idempotent call. */
  upstreamRetries: 2,
  /** <PREFIX>_BREAKER_FAILURES: consecutive failures that open the circuit. */
  breakerFailures: 5,
  /** <PREFIX>_BREAKER_RESET_MS: how long the circuit stays open before one trial call. */
  breakerResetMs: 5_000,
} as const;
