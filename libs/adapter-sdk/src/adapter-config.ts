// Where an adapter's ops server listens: OPS_ADDR, parsed by the runtime's one listen-address parser,
// as every service's.
import { parseListenAddress, type Env, type ListenAddress } from '@ndxp/runtime';
import { ADAPTER_DEFAULTS } from './defaults';
import { SettingError } from './setting';

/**
 * Reads OPS_ADDR, where the ops server every service has listens (host:port, default 127.0.0.1:0 = a
 * free port; "off" disables it).
 */
export function readOpsAddr(env: Env): ListenAddress | undefined {
  return parseOpsAddr(env['OPS_ADDR'] || ADAPTER_DEFAULTS.opsAddr);
}

/** host:port (IPv6 as [::1]:port) or "off"; a bad value is SettingError config.bad_address naming the variable. */
function parseOpsAddr(value: string): ListenAddress | undefined {
  try {
    return parseListenAddress('OPS_ADDR', value, { allowOff: true });
  } catch (err) {
    throw new SettingError('config.bad_address', (err as Error).message);
  }
}
