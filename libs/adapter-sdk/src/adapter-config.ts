// Settings every adapter reads the same way from its environment.
import { ConfigError, envString, type Env } from '@ndxp/runtime';
import type { HealthAddr } from './health-server';

/** What loadAdapterCommonConfig reads. */
export interface AdapterCommonConfig {
  /** Where /healthz and /readyz listen; undefined when HEALTH_ADDR=off. */
  healthAddr: HealthAddr | undefined;
}

/** Reads HEALTH_ADDR (host:port, default 127.0.0.1:0 = a free port; "off" disables the probes). */
export function loadAdapterCommonConfig(env: Env): AdapterCommonConfig {
  return { healthAddr: parseHealthAddr(envString(env, 'HEALTH_ADDR', '127.0.0.1:0')) };
}

/** Parses host:port (IPv6 as [::1]:port) or "off"; throws ConfigError naming HEALTH_ADDR. */
export function parseHealthAddr(value: string): HealthAddr | undefined {
  if (value.toLowerCase() === 'off') return undefined;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65_535) {
    throw new ConfigError(`HEALTH_ADDR must be host:port (port 0 = any free port) or off, got ${JSON.stringify(value)}`);
  }
  return { host: m[1] ?? m[2] ?? '', port };
}
