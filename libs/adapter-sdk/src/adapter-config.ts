// Where an adapter's operations endpoint listens: OPS_ADDR (or HEALTH_ADDR, its older name), parsed
// by the runtime's one listen-address parser, as every service's.
import { parseListenAddress, type Env } from '@ndxp/runtime';
import { ADAPTER_DEFAULTS } from './defaults';
import type { HealthAddr } from './health-server';
import { SettingError } from './setting';

/**
 * Reads OPS_ADDR, the operations endpoint every service serves (host:port, default 127.0.0.1:0 = a
 * free port; "off" disables it). HEALTH_ADDR, its older name, is read when OPS_ADDR is not set.
 */
export function readOpsAddr(env: Env): HealthAddr | undefined {
  const ops = env['OPS_ADDR'];
  if (ops) return parseOpsAddr(ops, 'OPS_ADDR');
  const legacy = env['HEALTH_ADDR'];
  if (legacy) return parseOpsAddr(legacy, 'HEALTH_ADDR');
  return parseOpsAddr(ADAPTER_DEFAULTS.opsAddr, 'OPS_ADDR');
}

/** host:port (IPv6 as [::1]:port) or "off"; a bad value is SettingError config.bad_address naming the variable. */
function parseOpsAddr(value: string, name: string): HealthAddr | undefined {
  try {
    return parseListenAddress(name, value, { allowOff: true });
  } catch (err) {
    throw new SettingError('config.bad_address', (err as Error).message);
  }
}
