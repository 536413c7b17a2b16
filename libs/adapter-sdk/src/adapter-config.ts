// Settings every adapter reads the same way from its environment.
import { ConfigError, type Env } from '@ndxp/runtime';
import type { HealthAddr } from './health-server';

/** What loadAdapterCommonConfig reads. */
export interface AdapterCommonConfig {
  /** Where /healthz, /readyz and /metrics listen; undefined when OPS_ADDR (or HEALTH_ADDR) is off. */
  healthAddr: HealthAddr | undefined;
}

/**
 * Reads OPS_ADDR, the operations endpoint every service serves (host:port, default 127.0.0.1:0 = a
 * free port; "off" disables it). HEALTH_ADDR, its older name, is read when OPS_ADDR is not set.
 */
export function loadAdapterCommonConfig(env: Env): AdapterCommonConfig {
  const ops = env['OPS_ADDR'];
  if (ops) return { healthAddr: parseHealthAddr(ops, 'OPS_ADDR') };
  const legacy = env['HEALTH_ADDR'];
  if (legacy) return { healthAddr: parseHealthAddr(legacy, 'HEALTH_ADDR') };
  return { healthAddr: parseHealthAddr('127.0.0.1:0') };
}

/** Parses host:port (IPv6 as [::1]:port) or "off"; throws ConfigError naming the variable. */
export function parseHealthAddr(value: string, name = 'OPS_ADDR'): HealthAddr | undefined {
  if (value.toLowerCase() === 'off') return undefined;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65_535) {
    throw new ConfigError(`${name} must be host:port (port 0 = any free port) or off, got ${JSON.stringify(value)}`);
  }
  return { host: m[1] ?? m[2] ?? '', port };
}
