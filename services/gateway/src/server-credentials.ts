// The gRPC server's transport: plaintext, or TLS that asks for (but does not require) a client
// certificate, so an LGSP may authenticate by certificate or by bearer token on the same port.
import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';
import { ConfigError } from '@ndxp/runtime';
import type { TlsFiles } from './config';

/**
 * TLS with an optional client certificate. grpc-js's createSsl either never asks for one or
 * rejects every connection without one; here a certificate that does not chain to the CA leaves
 * the connection up but unverified, and grpc-js then reports no peer certificate for its calls.
 */
class OptionalClientCertCredentials extends ServerCredentials {
  constructor(ca: Buffer, cert: Buffer, key: Buffer) {
    super({ requestCert: true, rejectUnauthorized: false }, { ca, cert, key, minVersion: 'TLSv1.2' });
  }

  override _equals(other: ServerCredentials): boolean {
    return other === this;
  }
}

/** Server credentials for the configured transport; throws ConfigError when a TLS file is unreadable. */
export function serverCredentials(tls: TlsFiles | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  const read = (name: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(`${name}=${path} cannot be read: ${(err as Error).message}`);
    }
  };
  return new OptionalClientCertCredentials(
    read('GATEWAY_TLS_CA', tls.ca),
    read('GATEWAY_TLS_CERT', tls.cert),
    read('GATEWAY_TLS_KEY', tls.key),
  );
}
