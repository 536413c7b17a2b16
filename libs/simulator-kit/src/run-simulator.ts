// The simulator process: --help, settings, logger, start, the "ready" line, signals and shutdown.
import { createLogger, handleHelp, runService, type Env, type Logger } from '@ndxp/runtime';
import { loadSimulatorSettings, settingsHelp, type SettingsOf, type SimulatorDefaults } from './settings';

/** What a started simulator hands back: its server, and facts for the "ready" log line. */
export interface StartedSimulator {
  server: { url: string; port: number; close(): Promise<void> };
  /** Logged with the port, url and seed once it listens (e.g. the number of records). */
  ready?: Record<string, unknown>;
}

/** One simulator as a process: its name, what --help says it serves, its settings, how to start it. */
export interface SimulatorDefinition<D extends SimulatorDefaults> {
  /** Service name of the logs, e.g. simulator-vnpost. */
  name: string;
  /** The first part of --help: the system it stands in for and the requests it answers. */
  about: string;
  settings: D;
  start(settings: SettingsOf<D>, logger: Logger): Promise<StartedSimulator>;
}

/** The whole --help text of a simulator. */
export function simulatorHelp(def: Pick<SimulatorDefinition<SimulatorDefaults>, 'name' | 'about' | 'settings'>): string {
  return `${def.name}: ${def.about.trimEnd()}\n\n${settingsHelp(def.settings)}`;
}

/**
 * Runs a simulator until SIGTERM/SIGINT: prints --help and exits, reads the settings (a bad one exits
 * 2 naming it), creates the logger, starts it and logs "ready" with its url, then closes it on a signal.
 */
export function runSimulator<const D extends SimulatorDefaults>(
  def: SimulatorDefinition<D>,
  argv: readonly string[] = process.argv,
  env: Env = process.env,
): void {
  handleHelp(argv, simulatorHelp(def));
  runService(def.name, async () => {
    const settings = loadSimulatorSettings(env, def.settings);
    const logger = createLogger({ service: def.name, level: settings.logLevel });
    const { server, ready } = await def.start(settings, logger);
    logger.info({ port: server.port, url: server.url, seed: settings.seed, ...ready }, 'ready');
    return { logger, stoppers: [() => server.close()] };
  });
}
