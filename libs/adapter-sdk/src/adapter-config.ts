// Where an adapter's operations endpoint listens: OPS_ADDR (or HEALTH_ADDR, its older name).
import type { Env } from '@ndxp/runtime';
import { ADAPTER_DEFAULTS } from './defaults';
import type { HealthAddr } from './health-server';
import { SettingError } from './setting';

/**
 * Reads OPS_ADDR, the operations endpoint every service serves (host:port, default 127.0.0.1:0 = a
 * free port; "off" disables it). HEALTH_ADDR, its older name, is read when OPS_ADDR is not set.
 */
export function readOpsAddr(env: Env): HealthAddr | undefined {
  const ops = env['OPS_ADDR'];
  if (ops) return parseHealthAddr(ops, 'OPS_ADDR');
  const legacy = env['HEALTH_ADDR'];
  if (legacy) return parseHealthAddr(legacy, 'HEALTH_ADDR');
  return parseHealthAddr(ADAPTER_DEFAULTS.opsAddr);
}

/** Parses host:port (IPv6 as [::1]:port) or "off"; throws SettingError (config.bad_address) naming the variable. */
export function parseHealthAddr(value: string, name = 'OPS_ADDR'): HealthAddr | undefined {
  if (value.toLowerCase() === 'off') return undefined;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65_535) {
    throw new SettingError('config.bad_address', `${name} must be host:port (port 0 = any free port) or off, got ${JSON.stringify(value)}`);
  }
  return { host: m[1] ?? m[2] ?? '', port };
}
