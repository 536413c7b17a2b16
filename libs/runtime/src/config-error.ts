// The error every configuration reader throws: it names the variable, main prints it and exits 2.

/** A configuration value is missing or invalid; main prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
