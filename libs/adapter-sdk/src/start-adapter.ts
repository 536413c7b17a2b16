// Starts a declared adapter in this process: settings read once, the upstream client made, the
// handlers bound, the adapter's own work started (onStart), then the services served on NATS.
import type { NatsConnection } from '@nats-io/nats-core';
import type { Env, Logger, ServiceMetrics } from '@ndxp/runtime';
import type { Tracer } from '@opentelemetry/api';
import type { AdapterDefinition, AdapterSettings, SettingsTable, SettingValues } from './adapter-definition';
import { readAdapterSettings } from './adapter-settings';
import { resolveAdapter } from './define-adapter';
import { serveAdapter, type RunningAdapter } from './serve-adapter';
import { createUpstream } from './upstream';

/** What startAdapter needs besides the definition. */
export interface StartAdapterOptions<S extends SettingsTable = SettingsTable> {
  nc: NatsConnection;
  logger: Logger;
  /** Default: the global tracer (a no-op unless telemetry was started). */
  tracer?: Tracer;
  /** Settings already read (runAdapter's); else they are read from `env`. */
  settings?: AdapterSettings<SettingValues<S>>;
  /** Where the settings are read from when `settings` is absent (default {}: every default). */
  env?: Env;
  /** Prometheus instruments; by default the adapter makes its own. */
  metrics?: ServiceMetrics;
}

/** A started adapter: what serveAdapter returns, and the settings it runs with. */
export interface StartedAdapter<S extends SettingsTable = SettingsTable> extends RunningAdapter {
  settings: AdapterSettings<SettingValues<S>>;
}

/** Starts the adapter on `nc`; stop() drains its services, then stops what onStart started. */
export async function startAdapter<S extends SettingsTable>(
  definition: AdapterDefinition<S>,
  options: StartAdapterOptions<S>,
): Promise<StartedAdapter<S>> {
  const { nc, logger } = options;
  const settings = options.settings ?? readAdapterSettings(definition, options.env ?? {});
  const upstream = createUpstream({ ...settings.upstream, logger });
  const deps = { upstream, settings, logger };
  const adapter = resolveAdapter(definition, deps);
  const stopExtra = (await definition.onStart?.({ ...deps, nc })) ?? undefined;
  let running: RunningAdapter;
  try {
    running = await serveAdapter(adapter, {
      nc,
      logger,
      ...(options.tracer ? { tracer: options.tracer } : {}),
      ...(options.metrics ? { metrics: options.metrics } : {}),
      defaultTimeoutMs: settings.defaultTimeoutMs,
      opsAddr: settings.opsAddr,
      instanceId: settings.common.instanceId,
    });
  } catch (err) {
    await stopExtra?.();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    id: running.id,
    opsPort: running.opsPort,
    settings,
    readiness: () => running.readiness(),
    stop: () => {
      stopping ??= (async () => {
        await running.stop();
        await stopExtra?.();
      })();
      return stopping;
    },
  };
}
