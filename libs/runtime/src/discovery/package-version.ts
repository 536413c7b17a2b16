// The version a service reports in $SRV.INFO: the one in its package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config-error';

/** Semantic version, as the NATS micro schemas require it (semver.org's expression). */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Reads `version` of the package.json one level above `moduleDir` (a service's src/ or dist/, so
 * pass __dirname); throws ConfigError when it is missing or not a semantic version.
 */
export function readPackageVersion(moduleDir: string): string {
  const file = join(moduleDir, '..', 'package.json');
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
  } catch (err) {
    throw new ConfigError(`cannot read the version in ${file}: ${(err as Error).message}`);
  }
  if (typeof version !== 'string' || !SEMVER.test(version)) throw new ConfigError(`${file}: version is not a semantic version`);
  return version;
}
