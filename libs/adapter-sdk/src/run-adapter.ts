// The whole adapter process: --help, settings (exit 2 on a bad one), logger, telemetry, NATS, the
// adapter, the `ready` line, and on SIGINT/SIGTERM a drain in reverse order. An adapter's main.ts calls it.
import { connectNats, createLogger, ConfigError, handleHelp, runService, startTelemetry, type Env } from '@ndxp/runtime';
import type { AdapterDefinition, SettingsTable } from './adapter-definition';
import { readAdapterSettings } from './adapter-settings';
import { formatHelp } from './help';
import { SettingError } from './setting';
import { startAdapter } from './start-adapter';

/** Where runAdapter reads its arguments and settings (tests pass their own). */
export interface RunAdapterOptions {
  /** Default: process.argv. */
  argv?: readonly string[];
  /** Default: process.env. */
  env?: Env;
}

/**
 * Runs the adapter as this process until SIGINT/SIGTERM. A bad setting prints
 * `<name>: configuration error [<code>]: <message>` and exits 2; any other start failure exits 1.
 */
export function runAdapter<S extends SettingsTable>(definition: AdapterDefinition<S>, options: RunAdapterOptions = {}): void {
  const { name } = definition;
  handleHelp(options.argv ?? process.argv, formatHelp(definition));
  let settings;
  try {
    settings = readAdapterSettings(definition, options.env ?? process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const code = err instanceof SettingError ? err.code : 'config.invalid';
    process.stderr.write(`${name}: configuration error [${code}]: ${err.message}\n`);
    process.exit(2);
  }
  const { common } = settings;
  runService(name, async () => {
    const logger = createLogger({ service: name, level: common.logLevel, instanceId: common.instanceId });
    const telemetry = startTelemetry({ service: name });
    const nc = await connectNats(common, name, logger);
    const adapter = await startAdapter(definition, { settings, nc, logger, tracer: telemetry.tracer });
    const fields = definition.readyFields?.(settings) ?? { upstreamUrl: settings.upstream.baseUrl };
    logger.info({ ...fields, id: adapter.id, opsPort: adapter.opsPort }, 'ready');
    // Stopped in reverse: the adapter drains first, then the connection, then telemetry flushes.
    return { logger, stoppers: [() => telemetry.shutdown(), () => nc.drain(), () => adapter.stop()] };
  });
}
