// Readiness by probing, never by sleeping: polls a condition until it holds or time runs out.

/** Resolves once `cond` holds (sync or async; a throw counts as not yet), rejects after `timeoutMs` naming `what`. */
export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const { timeoutMs = 5_000, intervalMs = 50, what = 'condition' } = options;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(cond)
        .catch(() => false)
    )
      return;
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Probes until `check` accepts the probe's value and resolves with that value; a throwing probe
 * counts as not yet. Rejects after `timeoutMs` with the last value (or error) seen, naming `what`.
 */
export async function waitForValue<T>(
  probe: () => T | Promise<T>,
  check: (value: T) => boolean,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 50, what = 'value' } = options;
  const until = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (check(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > until) {
      const seen = last === undefined ? 'nothing' : 'value' in last ? JSON.stringify(last.value) : String(last.error);
      throw new Error(`${what} not as expected within ${timeoutMs} ms; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
