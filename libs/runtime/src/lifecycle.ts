// The shape of every service's main: start, wait for SIGINT/SIGTERM, stop in reverse, exit.
import type { Logger } from 'pino';
import { ConfigError } from './config-error';

/** Something to stop on shutdown. */
export type Stopper = () => Promise<void> | void;

/**
 * Runs a service: `start` returns the stoppers (run in reverse order on a signal). Config errors
 * print one clear line and exit 2; other start failures exit 1.
 */
export function runService(name: string, start: () => Promise<{ logger: Logger; stoppers: Stopper[] }>): void {
  start().then(
    ({ logger, stoppers }) => {
      let stopping = false;
      const stop = async (signal: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        for (const s of [...stoppers].reverse()) {
          try {
            await s();
          } catch (err) {
            logger.error({ err }, 'error during shutdown');
          }
        }
        logger.info('stopped');
        logger.flush?.();
        process.exit(0);
      };
      process.once('SIGINT', (s) => void stop(s));
      process.once('SIGTERM', (s) => void stop(s));
    },
    (err: unknown) => {
      if (err instanceof ConfigError) {
        process.stderr.write(`${name}: configuration error: ${err.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`${name}: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

/** Prints help and exits when --help or -h is among the arguments. */
export function handleHelp(argv: readonly string[], text: string): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    process.exit(0);
  }
}
