// The one reader of a listen-address setting (OPS_ADDR, <SERVICE>_GRPC_ADDR, METERING_HTTP_ADDR, ...):
// host:port, an IPv6 host in brackets ([::1]:9464), port 0 for a free port, and "off" where allowed.
import { ConfigError } from './config-error';

/** Where a listener binds: the host without brackets (`::1` for `[::1]`), port 0 for a free one. */
export interface ListenAddress {
  host: string;
  port: number;
}

/** Whether the setting may be "off" (any case), which parses as undefined. */
export interface ListenAddressOptions {
  allowOff?: boolean;
}

const ADDRESS = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/;

/**
 * Parses the value of the setting `name`: `host:port` (IPv6 as `[::1]:port`, port 0..65535) or, with
 * `allowOff`, "off" (undefined). Throws a ConfigError that names the variable and the value.
 */
export function parseListenAddress(
  name: string,
  value: string,
  options: ListenAddressOptions & { allowOff: true },
): ListenAddress | undefined;
export function parseListenAddress(name: string, value: string, options?: ListenAddressOptions): ListenAddress;
export function parseListenAddress(name: string, value: string, options: ListenAddressOptions = {}): ListenAddress | undefined {
  const v = value.trim();
  if (options.allowOff && v.toLowerCase() === 'off') return undefined;
  const m = ADDRESS.exec(v);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65_535) {
    const expected = `host:port (IPv6 as [::1]:port; port 0 = a free port)${options.allowOff ? ' or "off"' : ''}`;
    throw new ConfigError(`${name} must be ${expected}, got ${JSON.stringify(value)}`, 'config.bad_address');
  }
  return { host: m[1] ?? m[2] ?? '', port };
}

/** The address as `host:port` again, an IPv6 host in brackets (what gRPC's bind and the logs take). */
export function formatListenAddress(address: ListenAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
