// The error every configuration reader throws: it names the variable, main prints it and exits 2.

/** The runtime's reasons for refusing a setting: a listen address, or any other bad value. */
export type ConfigErrorCode = 'config.invalid' | 'config.bad_address';

/** A configuration value is missing or invalid; main prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    message: string,
    /** Stable for scripts and runbooks: config.bad_address for a listen address, else config.invalid. */
    readonly code: string = 'config.invalid',
  ) {
    super(message);
  }
}
